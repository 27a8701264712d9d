"""Findings, age and sex as a fixed-layout vector the classifier reads.

Each finding has two indicator columns (present, absent), so unknown (both 0) differs from absent;
then one-hot age band (unknown included) and one-hot sex (unknown included). Because the model is
linear in these columns, its coefficients map one-to-one onto the engine's additive terms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..engine.model import N_BANDS, N_SEXES, age_band, sex_index


@dataclass(frozen=True)
class FeatureLayout:
    finding_ids: tuple[str, ...]

    @property
    def size(self) -> int:
        return 2 * len(self.finding_ids) + N_BANDS + N_SEXES

    def band_column(self, band: int) -> int:
        return 2 * len(self.finding_ids) + band

    def sex_column(self, sex: int) -> int:
        return 2 * len(self.finding_ids) + N_BANDS + sex

    def vector(self, findings: Mapping[str, str], age: int | None, sex: str | None) -> np.ndarray:
        """One case as a feature vector."""
        x = np.zeros(self.size)
        index = {f: j for j, f in enumerate(self.finding_ids)}
        for finding_id, state in findings.items():
            j = index[finding_id]
            x[2 * j + (0 if state == "present" else 1)] = 1.0
        x[self.band_column(age_band(age))] = 1.0
        x[self.sex_column(sex_index(sex))] = 1.0
        return x

    def matrix(
        self, cases: Sequence[tuple[Mapping[str, str], int | None, str | None]]
    ) -> np.ndarray:
        """Many cases as rows."""
        return (
            np.vstack([self.vector(*case) for case in cases]) if cases else np.zeros((0, self.size))
        )
