"""The Textual reader. Everything under `igtui.app` may import Textual; the core never does."""
