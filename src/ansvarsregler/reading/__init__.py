"""Reading draft goals: the indicator words that suggest the facts a goal's text leaves out."""
