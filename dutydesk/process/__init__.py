"""Process (流程): the duty process as data.

Owns the definition model with validation and diff (``model``) and its versions, the one
draft, approval and the version in force (``service``).
"""
