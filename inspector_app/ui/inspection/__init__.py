"""The inspection screen: section navigator, item cards, autosave, finalize, amendment."""
