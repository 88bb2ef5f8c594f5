"""Page views, one module per page; each calls the search service or the store."""
