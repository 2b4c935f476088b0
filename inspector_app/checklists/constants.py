"""Answer values shared by the engine, the store functions and the GUI."""

RESULT_CONFORM = "符合"
RESULT_NONCONFORM = "不符合"
RESULT_NA = "不适用"
RESULTS = (RESULT_CONFORM, RESULT_NONCONFORM, RESULT_NA)


class _Unset:
    """Marker for 'this field was not given' (None means 'clear it')."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()
