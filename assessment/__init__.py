"""The organisational assessment: the adapted NHS Sustainability Model's scheme, assessments, ratings and results."""
