"""The editor's form for initiatives: its form class, panels, widgets and the JSON views behind
the organisation picker, plus the dashboard's 'new initiative' action."""
