"""One module per page; each defines `render() -> None`."""
