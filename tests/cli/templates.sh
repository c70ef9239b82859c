# Templates (README "Templates"): a footer in every post of a blog is not
# indexed, so the blog's one real post about the word it names ranks first;
# stats lists it; a paragraph that crosses the threshold re-analyzes only the
# posts holding it, and going back below does the same.
source "$(dirname "$0")/lib.sh"
B="$T/blog/_posts"
FOOTER="이 포스팅은 Gemini AI가 제공한 뉴스 데이터를 기반으로 작성되었습니다."
PROMO="구독과 좋아요는 다음 글을 쓰는 데 큰 힘이 됩니다 고맙습니다"
topics=(반도체 배터리 전기차 원전 조선 철강 항공 해운 게임 영화 음악 야구 축구 농구 날씨 여행 요리 건강 부동산 금리 환율 주식 채권 교육)
for n in $(seq 1 24); do
  t=${topics[$((n - 1))]}
  body="오늘은 ${t} 소식을 정리했습니다. ${t} 시장의 흐름과 전망을 살펴봅니다.\n\n감사합니다"
  [ "$n" -le 7 ] && body="$body\n\n$PROMO"
  post "$B/2025-01-$(printf %02d "$n")-news.md" "${t} 뉴스" "$(printf '%b' "$body\n\n$FOOTER")"
done
post "$B/2025-02-01-gemini.md" "새 언어 모델 써 보기" \
  "$(printf '%b' "구글의 Gemini 모델을 직접 써 보았다. Gemini는 긴 문서를 잘 요약한다.\n\n$FOOTER")"

for db in "$T/db" "$T/sharded"; do
  shards=(); [ "$db" = "$T/sharded" ] && shards=(--shards 3)
  run "$NEWSIDX" --db "$db" add "${shards[@]}" "$T/blog"
  expect_rc 0 "first add ($db)"
  expect_eq "$(summary)" "25 0 0 0 0 0" "first add ($db)"
  if [ "$db" = "$T/db" ]; then
    # A root's first add counts its paragraphs before analyzing: once each.
    expect_not_in "templates changed" "$OUT" "first add ($db)"
  else
    # Each shard holds part of the root: its posts were analyzed with the footer as text first.
    expect_in "templates changed: re-analyzed 25 posts holding them" "$OUT" "first add ($db)"
  fi
  run "$NEWSIDX" --db "$db" stats
  expect_in "template:    25 of 25 posts of $T/blog: $FOOTER" "$OUT" "stats ($db)"
  expect_not_in "$PROMO" "$OUT" "stats: 7 of 25 is below 30 % ($db)"
  run "$NEWSQ" --db "$db" -q --format trec gemini
  expect_rc 0 "newsq gemini ($db)"
  expect_eq "$(wc -l <<<"$OUT")" "1" "only the real post matches gemini ($db)"
  expect_in "_posts/2025-02-01-gemini" "$(head -1 <<<"$OUT")" "first hit ($db)"
  # Snippets do not show the footer.
  run "$NEWSQ" --db "$db" 정리했습니다
  expect_in "정리했습니다" "$OUT" "snippets ($db)"
  expect_not_in "이 포스팅은" "$OUT" "snippets ($db)"
  run "$NEWSIDX" --db "$db" stats --json
  expect_in '"templates": [' "$OUT" "stats --json ($db)"

  # Two more posts with the promo line: 27 posts, 30 % is 9, the promo is in 9.
  for n in 25 26; do
    post "$B/2025-01-$n-news.md" "추가 뉴스 $n" "$(printf '%b' "추가 소식 $n 번입니다.\n\n$PROMO\n\n$FOOTER")"
  done
  run "$NEWSIDX" --db "$db" add "$T/blog"
  expect_eq "$(summary)" "2 0 25 0 0 0" "second add ($db)"
  expect_in "templates changed: re-analyzed 9 posts holding them" "$OUT" "second add ($db)"
  run "$NEWSIDX" --db "$db" stats
  expect_in "template:    9 of 27 posts of $T/blog: $PROMO" "$OUT" "stats after crossing ($db)"
  run "$NEWSQ" --db "$db" -q --format trec 좋아요
  expect_rc 1 "the promo's words are no longer text ($db)"
  # Nothing changed: nothing re-analyzed.
  run "$NEWSIDX" --db "$db" add "$T/blog"
  expect_eq "$(summary)" "0 0 27 0 0 0" "third add ($db)"
  expect_not_in "templates changed" "$OUT" "third add ($db)"

  # Removed again: 25 posts, 30 % is 8, the promo is in 7: text again.
  run "$NEWSIDX" --db "$db" remove "$B/2025-01-25-news.md" "$B/2025-01-26-news.md"
  expect_rc 0 "remove ($db)"
  run "$NEWSIDX" --db "$db" stats
  expect_not_in "$PROMO" "$OUT" "stats after removal ($db)"
  expect_in "template:    25 of 25 posts of $T/blog" "$OUT" "stats after removal ($db)"
  run "$NEWSQ" --db "$db" -q --format trec 좋아요
  expect_eq "$(wc -l <<<"$OUT")" "7" "the promo is text again ($db)"
  rm -f "$B/2025-01-25-news.md" "$B/2025-01-26-news.md"
done
finish
