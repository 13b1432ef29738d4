"""Learned components: small classifiers over the sentence embeddings.

Where word lists do not generalize (is this sentence a party's stance, on
which issue; what state an agreement is in; does someone judge the talks),
detente uses softmax classifiers over the MiniLM sentence vectors it already
computes, trained from the development set (``devset/``) with
``detente train``. The weights ship in ``detente/data/models/`` with a data
statement (``MODEL_CARD.md``).

- :mod:`.examples`: sentences of a report labelled from its gold record;
- :mod:`.linear`: the classifier (seeded, reproducible);
- :mod:`.models`: the trained set, loaded once per models folder;
- :mod:`.train`: examples → models, the data statement.
"""
