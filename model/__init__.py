"""The CSF-pNFH model (pure Python, no Streamlit).

- ``model.benefit``: the public contract (``estimate``, ``MODEL_RANGE``, ``hr_curve``, ``sensitivity``,
  ``calibration``, ``group_out_of_100``, ``validate``): published group result first, the model's
  median and 95% range only inside MODEL_RANGE; every answer a lookup in the shipped grid.
- ``model.assumptions``: every assumption as a named main value and range, with its source.
- ``model.construction``: the calibrated curve (fitted jointly to the published figures) and the
  Monte-Carlo ranges (vectorised numpy).
- ``model.grid``: the ranges precomputed on a grid of levels (``python -m model.grid``; model/grid.json).
- ``model.validate``: simulated trials analysed with lifelines (``python -m model.validate`` writes
  docs/model-validation.md).
"""
