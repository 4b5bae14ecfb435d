"""studykit: WeRead highlights -> FSRS flashcards -> graded PyTorch exercises."""

__version__ = "0.1.0"
