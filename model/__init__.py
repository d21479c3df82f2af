"""The simplified CSF-pNFH model (pure Python, no Streamlit).

- ``model.benefit``: the public contract (``estimate``, ``hr_curve``, ``survival_curves``,
  ``trial_range``, ``sparse_limits``, ``default_level``, ``validate``).
- ``model.assumptions``: every assumption as a named field with its source, and the calibration
  tolerances.
- ``model.cohort``: the simulated trial (seeded, vectorised numpy) and its calibration targets, read
  from the facts registry.
- ``model.fit``: the Cox fits (lifelines), once per process and set of assumptions.
- ``model.calibrate``: the seed search (``python -m model.calibrate``), run by hand.
"""
