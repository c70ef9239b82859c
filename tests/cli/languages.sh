# Languages (issue 20 item 3): a post's language from lang: or its script
# mix, returned in JSON; --lang filters (zh finds zh-cn and zh-tw); a post's
# translations (one ref) are one hit, shown in the reader's language
# (--lang, else the query's script) with the others listed; --similar never
# returns a post's own translations; a bad tag exits 2 naming it.
source "$(dirname "$0")/lib.sh"
P="$T/posts"
post "$P/2024-03-01-ko.md" "웹팩 입문" "웹팩(webpack)은 자바스크립트 모듈을 하나로 묶는 번들러다. 설정 파일에서 진입점을 정한다." "lang: ko\nref: webpack-intro\n"
post "$P/2024-03-01-en.md" "Getting started with webpack" "Webpack bundles JavaScript modules into one file; its config names the entry point." "lang: en\nref: webpack-intro\n"
post "$P/2024-03-01-ja.md" "webpack入門" "webpackはJavaScriptのモジュールをひとつにまとめるバンドラーです。" "lang: ja\nref: webpack-intro\n"
post "$P/2024-03-01-zh-cn.md" "webpack 入门" "webpack 是一个把 JavaScript 模块打包成一个文件的工具。" "lang: zh-CN\nref: webpack-intro\n"
post "$P/2024-03-01-zh-tw.md" "webpack 入門" "webpack 是一個把 JavaScript 模組打包成一個檔案的工具。" "lang: zh_TW\ntranslation_key: webpack-intro\n"
post "$P/2024-04-01-rollup.md" "롤업과 웹팩" "롤업(rollup)과 웹팩(webpack)은 둘 다 번들러지만 쓰임새가 다르다." ""
post "$P/2024-04-02-bundlers.md" "Bundlers compared" "Rollup and webpack are both bundlers with different uses." ""
post "$P/2024-04-03-bad.md" "Bad tag" "A post whose language tag is not one: webpack again." "lang: \"english!\"\n"
run "$NEWSIDX" add -v "$P"
expect_rc 0 "add"
expect_in "lang: \"english!\" is not a language tag" "$ERR$OUT" "a bad lang: warns, naming the value"

hits() {  # id:lang of each hit, then its translations' languages
  "$NEWSQ" --format json -n 20 "$@" | python3 -c '
import json, sys
for h in json.load(sys.stdin)["hits"]:
    tr = ",".join(t["lang"] for t in h["translations"])
    print(h["id"].split("/")[-1] + ":" + h["lang"] + ("[" + tr + "]" if tr else ""))' | sort | tr '\n' ' '
}
expect_eq "$(hits webpack)" "2024-03-01-en:en[ja,ko,zh-cn,zh-tw] 2024-04-01-rollup:ko 2024-04-02-bundlers:en 2024-04-03-bad:en " \
  "one hit for five translations, in the query's script (Latin: en); languages read from the text"
expect_eq "$(hits 웹팩)" "2024-03-01-ko:ko[en,ja,zh-cn,zh-tw] 2024-04-01-rollup:ko 2024-04-02-bundlers:en 2024-04-03-bad:en " \
  "a Hangul query shows the Korean copy (웹팩 finds webpack too)"
expect_eq "$(hits --lang zh webpack)" "2024-03-01-zh-cn:zh-cn[en,ja,ko,zh-tw] " "--lang zh: zh-cn or zh-tw, one hit"
expect_eq "$(hits --lang zh-tw webpack)" "2024-03-01-zh-tw:zh-tw[en,ja,ko,zh-cn] " "--lang zh-tw"
expect_eq "$(hits --lang ja --lang en webpack)" "2024-03-01-ja:ja[en,ko,zh-cn,zh-tw] 2024-04-02-bundlers:en 2024-04-03-bad:en " \
  "several --lang: any of them, the first preferred"
expect_eq "$(hits 'lang:ko webpack')" "2024-03-01-ko:ko[en,ja,zh-cn,zh-tw] 2024-04-01-rollup:ko " \
  "lang: in the query: never a copy the query does not find"
expect_eq "$(hits --lang ko)" "2024-03-01-ko:ko[en,ja,zh-cn,zh-tw] 2024-04-01-rollup:ko " "--lang alone lists the language's posts"

run "$NEWSQ" --format json --similar 2024-03-01-en -n 20
expect_rc 0 "--similar"
ids=$(python3 -c 'import json,sys; j=json.load(sys.stdin); print(" ".join(h["id"] for h in j["hits"]) + " | " + j["similar_to"]["id"])' <<<"$OUT")
expect_not_in "2024-03-01-" "${ids%% | *}" "--similar never returns the post's own translations"
expect_eq "${ids##* | }" "2024-03-01-en" "similar_to names the post"

run "$NEWSQ" webpack
expect_in "also in: ja, ko, zh-cn, zh-tw" "$OUT" "text output lists the other languages"

run "$NEWSQ" --lang 'en!' webpack
expect_rc 2 "a bad --lang"
expect_in "lang: 'en!' is not a language tag" "$ERR" "the message names the value"
finish
