"""The documents of result responsibility, as content: what a council paper, a leader
agreement or a result dialogue says, built from the results and the profile.

Each builder returns a :class:`~ansvarsregler.documents.blocks.Document` (headings,
paragraphs, tables, figures); the presenters write one as DOCX, HTML or Markdown.
Nothing here knows a file format, and nothing in the presenters decides content.
"""
