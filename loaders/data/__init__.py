"""Domain tables (YAML) read by the loaders: type codes, issuers, cue words, agencies."""
