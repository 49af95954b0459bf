"""The evaluation area's URLs: each part keeps its own module (urls_ratings.py: the rounds, the ratings and their
steps, a member's own page; urls_results.py: the distribution, the comparison across years, the lists;
urls_reviews.py: the self-criticism meetings) under one namespace."""

from __future__ import annotations

from xaydungdang.evaluation import urls_ratings, urls_results, urls_reviews

app_name = "evaluation"
urlpatterns = [*urls_ratings.urlpatterns, *urls_results.urlpatterns, *urls_reviews.urlpatterns]
