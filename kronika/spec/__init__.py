"""kronika's copy of the output contract: the document record's JSON Schema (docs/record.md explains it)."""
