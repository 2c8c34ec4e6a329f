// OutcomeReports: pure table values rendered to CSV, Markdown and SVG, and the report's sections.
import TreatmentOutcomes
