"""Training (培训): assessment, training and the roll-out plan.

Owns questionnaires and their Excel round trip (``questionnaires``,
``questionnaire_excel``), the needs assessment (``assessments``), courses, sessions and tests
(``service``), training materials of courses and process steps (``materials``), the
implementation plan (``plans``) and shared input helpers (``util``).
"""
