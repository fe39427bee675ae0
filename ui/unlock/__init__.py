"""Before a hub is open: the welcome/unlock dialog and the create-a-hub dialog."""
