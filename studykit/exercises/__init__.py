"""Everything about exercises, in one place (no torch, typer or rich anywhere here).

* :mod:`~studykit.exercises.catalog`: ``exercises/info.yaml`` and the files it names;
* :mod:`~studykit.exercises.workspace`: the learner's copies of the starters;
* :mod:`~studykit.exercises.progress`: attempts, passes, hints, re-solves, linked cards;
* :mod:`~studykit.exercises.check`: ``check(...) -> Verdict``, the one sequence "find the
  file, grade it, record it" used by `exercise check`, `watch` and `review --with-exercises`;
* :mod:`~studykit.exercises.links`: which exercise a highlight is most about.

The grading itself (a worker process that imports torch) is :mod:`studykit.grading`; the
SQL is :mod:`studykit.deck.exercises`.
"""
