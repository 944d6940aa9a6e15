"""Bookmarks and notes: records, the store that never loses one, anchoring and export."""
