"""Planning in the app: analysis dialogs generated from the operations' typed parameters, run in
workers; results as tables and map overlays; routes saved as corridors through the undo stack;
saved plans; trigger alerts kept current. Registered through humanops.ui.extensions (extension.py)."""
