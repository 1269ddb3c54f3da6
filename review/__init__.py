"""What officers review: the queue, themes, gaps in provision, the dashboard and new answers."""
