"""Language layers: one folder per language (pl/, later en/), shared types in base.py."""
