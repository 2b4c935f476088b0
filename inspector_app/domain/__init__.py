"""Pure-Python domain model: identifiers, rules, deadlines, numbering, state machines.

Nothing here touches the database, the network or Qt.
"""
