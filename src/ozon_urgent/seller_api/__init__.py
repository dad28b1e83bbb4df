"""The Ozon Seller API as `pull` uses it: a small client, the rating and error-index reads, draft writing."""
