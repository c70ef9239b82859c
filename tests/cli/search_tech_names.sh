# Names written with marks, typed as queries through newsq (issue 17, "Tokens"):
# C++ and C# are not C, .NET is not net, node.js meets nodejs, DRAM·HBM is two
# words, R&D is one.
source "$(dirname "$0")/lib.sh"
post "$T/p/cpp.md" "C++ 템플릿 입문" "C++17에서 바뀐 점과 C++를 배우는 법."
post "$T/p/c.md" "C 언어 포인터" "C 언어의 포인터를 다룬다."
post "$T/p/csharp.md" "C# 비동기" "C#과 .NET으로 만든 서버."
post "$T/p/net.md" "그물 이야기" "A fishing net, and the net result."
post "$T/p/node.md" "Node.js 서버" "Node.js의 이벤트 루프."
post "$T/p/nodejs.md" "설치 메모" "nodejs 를 설치했다."
post "$T/p/dram.md" "메모리 시장" "SK하이닉스의 DRAM·HBM 매출이 늘었다."
post "$T/p/rnd.md" "연구 예산" "삼성의 R&D 투자와 AT&T 소식."
post "$T/p/tcp.md" "네트워크" "TCP/IP 스택을 읽는다."
run "$NEWSIDX" add "$T/p"
expect_rc 0 "add"

# ids found by QUERY, sorted, on one line
ids() {
  run "$NEWSQ" -n 50 --format trec -- "$1"
  awk '{print $3}' <<<"$OUT" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect_eq "$(ids 'C++')" "cpp" "C++"
expect_eq "$(ids 'c++')" "cpp" "c++"
expect_eq "$(ids 'C++를')" "cpp" "C++를"
expect_eq "$(ids 'C')" "c" "C (not C++, not C#)"
expect_eq "$(ids 'C#')" "csharp" "C#"
expect_eq "$(ids '.NET')" "csharp" ".NET (not net)"
expect_eq "$(ids 'net')" "net" "net (not .NET)"
expect_eq "$(ids 'node.js')" "node nodejs" "node.js"
expect_eq "$(ids 'Node.js')" "node nodejs" "Node.js"
expect_eq "$(ids 'nodejs')" "node nodejs" "nodejs"
expect_eq "$(ids 'node')" "node" "node"
expect_eq "$(ids 'DRAM·HBM')" "dram" "DRAM·HBM"
expect_eq "$(ids 'HBM')" "dram" "HBM"
expect_eq "$(ids 'R&D')" "rnd" "R&D"
expect_eq "$(ids 'at&t')" "rnd" "at&t"
expect_eq "$(ids 'TCP/IP')" "tcp" "TCP/IP"
expect_eq "$(ids 'IP')" "tcp" "IP"
expect_eq "$(ids 'C -C++')" "c" "C -C++"
expect_eq "$(ids '"C++ 템플릿"')" "cpp" "a phrase with C++"

run "$NEWSIDX" analyze "C++ C# .NET Node.js DRAM·HBM R&D"
expect_rc 0 "analyze"
for t in "c++" "c#" ".net" "nodejs" "dram" "hbm" "r&d"; do expect_in "$t" "$OUT" "analyze"; done
run "$NEWSIDX" analyze --query "node.js"
expect_rc 0 "analyze --query"
expect_in "nodejs" "$OUT" "analyze --query node.js"
finish
