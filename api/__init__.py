"""HTTP for families and officers: the chat relay, the widget, feedback, health."""
