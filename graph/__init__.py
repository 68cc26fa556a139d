"""The citation graph: resolution to canonical instruments, the model, stores."""
