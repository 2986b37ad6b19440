"""The event coder (issue 7): trigger lexicon + valency frames → PLOVER events with actors and evidence.

    from kronika.events.stage import EventStage
"""
