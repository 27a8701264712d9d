"""The small scikit-learn classifier: features, synthetic cohort, training, safe loading."""
