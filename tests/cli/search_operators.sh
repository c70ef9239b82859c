# Operators (issue 19 item 3): AND, NOT, +word, -word; newsq --all; the
# explained tree is the one that ran; a dangling operator is a word, warned.
source "$(dirname "$0")/lib.sh"
P="$T/posts"
post "$P/both.md" "SVM과 커널" "SVM은 커널 트릭으로 비선형 분류를 한다." "date: 2025-03-01\n"
post "$P/svm.md" "SVM 입문" "SVM은 마진을 최대화하는 분류기다." "date: 2025-03-02\n"
post "$P/kernel.md" "리눅스 커널" "커널 모듈을 빌드한다." "date: 2025-03-03\n"
run "$NEWSIDX" add "$P"
expect_rc 0 "add"

ids() { "$NEWSQ" --format trec -n 10 "$@" | awk '{print $3}' | sort | tr '\n' ' '; }
expect_eq "$(ids SVM 커널)" "both kernel svm " "side by side: any word"
expect_eq "$(ids SVM AND 커널)" "both " "AND"
expect_eq "$(ids SVM NOT 커널)" "svm " "NOT"
expect_eq "$(ids +SVM 커널)" "both svm " "+word"
expect_eq "$(ids +커널 -리눅스)" "both " "+word -word"
expect_eq "$(ids --all SVM 커널)" "both " "--all"
expect_eq "$(ids --all 커널 OR SVM)" "both kernel svm " "--all keeps OR"
expect_eq "$(ids 리눅스 and 커널)" "both kernel " "lowercase and is a word"

run "$NEWSQ" --explain --all SVM 커널
expect_rc 0 "--all --explain"
expect_in "parsed: AND(+SVM +커널)" "$OUT" "--all in the parsed tree"
# svm.md's file name holds svm: the word's file-name branch (x0.2) beside it.
SVM='(svm OR (0.2000000000000000111 * (svm SYNONYM XFsvm) FILTER XFsvm))'
expect_in "expanded: Query(($SVM AND 커널))" "$OUT" "--all as run"
run "$NEWSQ" --explain +SVM -커널
expect_in "parsed: AND(+SVM -커널)" "$OUT" "parsed + and -"
expect_in "expanded: Query(($SVM AND_NOT 커널))" "$OUT" "executed + and -"

run "$NEWSQ" SVM AND
expect_rc 0 "a dangling AND"
expect_in "warning: AND at column 5 has nothing after it; searched as a word" "$ERR" "dangling AND warned"
run "$NEWSQ" --json SVM AND
python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["warnings"]==["AND at column 5 has nothing after it; searched as a word"], j["warnings"]; assert len(j["hits"])==2' <<<"$OUT" \
  || fail "JSON warnings for a dangling AND"

run "$NEWSQ" --help
expect_in "--all" "$OUT" "--help names --all"
expect_in "a AND b" "$OUT" "--help gives the operators"

run "$NEWSIDX" analyze --query "SVM AND 커널"
expect_in "parsed:    AND(+SVM +커널)" "$OUT" "analyze --query: the tree"
expect_in "xapian:    Query((svm AND 커널))" "$OUT" "analyze --query: the query"
finish
