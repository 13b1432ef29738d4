"""The resolve stage, between extraction and the store: decisions taken on records
(process grouping, relevance, timeline sanity) so the store only persists what it is given."""
