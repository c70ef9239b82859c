// gen_corpus: deterministic synthetic Jekyll posts in Korean and English, for
// benchmarks at any size (bench/README.md "gen_corpus").
//
//   gen_corpus --n N --out DIR [--seed S] [--jobs J] [--queries FILE [--per-class K]]
//
// Writes N posts as DIR/_posts/FFFF/YYYY-MM-DD-post-NNNNNNN.md (folder FFFF =
// post number / 1000, so no folder holds more than 1,000 files) and a
// manifest DIR/.gen_corpus (parameters, post count, bytes). The same seed
// gives byte-identical files whatever --jobs is: the vocabulary is drawn from
// the seed alone, and post i from (seed, i) alone.
//
// The text is synthetic, never copied: a Zipf-distributed Korean vocabulary
// (nouns of 1-5 syllables composed from a syllable inventory, plus a few
// hundred real common words written here) with particles and endings chosen
// by the 받침 of the word they follow (은/는, 이/가, 을/를, 과/와, 으로/로 with
// the ㄹ exception, 하여/했다/하는 ...), English sentences over a Zipf English
// vocabulary (real function words plus pseudo-words), names in both scripts
// (오픈AI, 챗GPT, AI칩, S25울트라, OpenAI), numbers with counters (3억 달러,
// 2025년, 1분기), two-word collocations that phrase queries can find, and a
// few fresh words per post (the long tail a real archive has). Bodies are
// 300-5,000 code points (log-normal, median ~1,300) of Markdown: headings,
// lists, quotes, sometimes a table or a code block, links, **bold** and
// <b>inline HTML</b>. Front matter varies like real blogs: title unquoted or
// quoted, dates in five forms (+0900, +09:00, Z, date only, no seconds),
// tags/categories as a flow list, a block list or a string, an author.
//
// --queries FILE writes `class<TAB>query` lines drawn from the same
// vocabulary (K per class, default 200): 1word, 2word, phrase ("..." of a
// collocation the posts use), filtered (word tag:TAG with a tag the posts
// carry) and particle (삼성이, 스타게이트를: a word with a particle glued on).
// The query set depends on the seed only, not on N.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <mutex>
#include <iterator>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <vector>

namespace {

// ---------------------------------------------------------------- randomness
// Own generators and distributions: the standard library's distributions may
// differ between implementations, and the files must not.

constexpr std::uint64_t splitmix(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

class Rng {  // xoshiro256**
public:
    Rng(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t x = seed * 0xD1B54A32D192ED03ull ^ (stream + 0x8CB92BA72F3D8DD7ull) * 0x9E3779B97F4A7C15ull;
        for (auto& w : s_) w = splitmix(x);
    }
    std::uint64_t next() {
        const std::uint64_t r = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return r;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    std::size_t below(std::size_t n) {
        return static_cast<std::size_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
    }
    int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
    bool chance(double p) { return uniform() < p; }
    double normal() {  // Box-Muller, one value per call
        const double u1 = 1.0 - uniform(), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    template <class T>
    const T& pick(std::span<const T> v) {
        return v[below(v.size())];
    }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4];
};

// Zipf-Mandelbrot over ranks 0..n-1: P(r) ∝ 1 / (r + q)^s.
class Zipf {
public:
    Zipf() = default;
    Zipf(std::size_t n, double s, double q) {
        cdf_.resize(n);
        double sum = 0;
        for (std::size_t r = 0; r < n; ++r) cdf_[r] = sum += 1.0 / std::pow(static_cast<double>(r) + q, s);
        for (double& c : cdf_) c /= sum;
    }
    std::size_t operator()(Rng& r) const { return sample(r.uniform()); }
    // Only ranks below `limit` (queries draw from words the posts use often).
    std::size_t below(Rng& r, std::size_t limit) const {
        limit = std::min(limit, cdf_.size());
        return sample(r.uniform() * cdf_[limit - 1]);
    }

private:
    std::size_t sample(double u) const {
        const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
        return std::min<std::size_t>(static_cast<std::size_t>(it - cdf_.begin()), cdf_.size() - 1);
    }
    std::vector<double> cdf_;
};

// Independent inclusion: item i with probability p[i] (the blog profile's
// names of one post).
std::vector<std::size_t> draw_each(Rng& r, std::span<const double> percent) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < percent.size(); ++i)
        if (r.uniform() * 100.0 < percent[i]) out.push_back(i);
    return out;
}

// Sampling in proportion to weights (the blog profile's query names).
class Weighted {
public:
    Weighted() = default;
    explicit Weighted(std::span<const double> w) {
        double sum = 0;
        for (double x : w) cdf_.push_back(sum += x);
        for (double& c : cdf_) c /= sum;
    }
    std::size_t operator()(Rng& r) const {
        const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), r.uniform());
        return std::min<std::size_t>(static_cast<std::size_t>(it - cdf_.begin()), cdf_.size() - 1);
    }

private:
    std::vector<double> cdf_;
};

// Concatenation in order: the elements of a braced list are evaluated left to
// right, the operands of `a + b` in an unspecified order, which would let two
// compilers draw random numbers in different orders.
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view p : parts) out += p;
    return out;
}

// ---------------------------------------------------------------- UTF-8 and Hangul

void put_cp(std::string& o, char32_t c) {
    if (c < 0x80) {
        o += static_cast<char>(c);
    } else if (c < 0x800) {
        o += static_cast<char>(0xC0 | (c >> 6));
        o += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        o += static_cast<char>(0xE0 | (c >> 12));
        o += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        o += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        o += static_cast<char>(0xF0 | (c >> 18));
        o += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        o += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        o += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::vector<std::string> split_cps(std::string_view s) {  // one string per code point
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t j = i + 1;
        while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
        out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::size_t cp_count(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

char32_t last_cp(std::string_view s) {
    if (s.empty()) return 0;
    std::size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data() + i);
    const std::size_t len = s.size() - i;
    if (len == 1) return p[0];
    if (len == 2) return ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    if (len == 3) return ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
}

// The final consonant (받침) a particle reacts to, as the word is read aloud.
enum class Coda { None, Rieul, Other };

Coda coda_of(std::string_view word) {
    // 인공지능(AI)은: a particle after a parenthesis follows the word before it.
    if (!word.empty() && word.back() == ')') {
        const std::size_t open = word.rfind('(');
        if (open != std::string_view::npos && open > 0) word = word.substr(0, open);
    }
    const char32_t c = last_cp(word);
    if (c >= 0xAC00 && c <= 0xD7A3) {
        const unsigned t = (c - 0xAC00) % 28;
        return t == 0 ? Coda::None : t == 8 ? Coda::Rieul : Coda::Other;
    }
    if (c >= '0' && c <= '9') {  // 영 일 이 삼 사 오 육 칠 팔 구
        static constexpr Coda digit[10] = {Coda::Other, Coda::Rieul, Coda::None,  Coda::Other, Coda::None,
                                           Coda::None,  Coda::Other, Coda::Rieul, Coda::Rieul, Coda::None};
        return digit[c - '0'];
    }
    if (c == '%') return Coda::None;  // 퍼센트
    if (c >= 'A' && c <= 'Z') {
        // Spelled out when the word ends in a capital (AI = 에이아이, LLM = 엘엘엠).
        if (c == 'L' || c == 'R') return Coda::Rieul;
        if (c == 'M' || c == 'N') return Coda::Other;
        return Coda::None;
    }
    if (c >= 'a' && c <= 'z') {  // a word: read the way it sounds (Samsung 성, Google 글, iPhone 폰)
        if (c == 'l') return Coda::Rieul;
        if (c == 'n' || c == 'm' || c == 'g' || c == 'k' || c == 't' || c == 'p' || c == 'b') return Coda::Other;
        return Coda::None;
    }
    return Coda::None;
}

enum class P {
    Topic,    // 은/는
    Subject,  // 이/가
    Object,   // 을/를
    And,      // 과/와
    Toward,   // 으로/로 (로 after ㄹ)
    Of,       // 의
    In,       // 에서
    At,       // 에
    Also,     // 도
    Only,     // 만
    Than,     // 보다
    Like,     // 처럼
    To,       // 에게
    Is,       // 이다/다
    Was,      // 이었다/였다
    Quote,    // 이라고/라고
    With,     // 과 함께/와 함께
    Bare,
};

const char* particle_form(P p, Coda c) {
    const bool b = c != Coda::None;
    switch (p) {
        case P::Topic:
            return b ? "은" : "는";
        case P::Subject:
            return b ? "이" : "가";
        case P::Object:
            return b ? "을" : "를";
        case P::And:
            return b ? "과" : "와";
        case P::Toward:
            return c == Coda::Other ? "으로" : "로";
        case P::Of:
            return "의";
        case P::In:
            return "에서";
        case P::At:
            return "에";
        case P::Also:
            return "도";
        case P::Only:
            return "만";
        case P::Than:
            return "보다";
        case P::Like:
            return "처럼";
        case P::To:
            return "에게";
        case P::Is:
            return b ? "이다" : "다";
        case P::Was:
            return b ? "이었다" : "였다";
        case P::Quote:
            return b ? "이라고" : "라고";
        case P::With:
            return b ? "과 함께" : "와 함께";
        case P::Bare:
            return "";
    }
    return "";
}

// ---------------------------------------------------------------- word lists (written for this generator)

// Common Sino-Korean syllables, most frequent first: synthetic nouns are made of these.
constexpr std::string_view kSyllables =
    "사정기대자전제시지수상성부인도장공리이주가고무실원화동해소신조경관선보진계위방국세구회"
    "연명물문발산통개연업중분비재학생용결외구업교의특활차표현권과행영합단정요능운금민확"
    "안입변법양약향후환육증력체청점편목속평품최설감직책처품역근강형규역협담초송판적견택"
    "광토파총추취측층치친침탁탄탐태통퇴투특패폐포폭풍피필하한할함항핵허험혁혈혜호혼홍"
    "황획효훈휘휴흥희각간감갑객건검격결겸곡곤골곳군굴궁귀균극급긍기긴길김남납낭내녀년념"
    "농뇌누능니단달담답당덕독돌동두둔득등라락란람랑래략량려력련렬렴령례로록론료루류륜률륭"
    "림립마막만말망매맥맹면멸모목몰몽묘무묵문미민밀박반발배백번벌범벽별병복본봉불붕빈빙"
    "삭삼상색생서석선섭성세소속손송쇄수숙순술숭습승식심씨아악안알암압앙애액야양억언엄여"
    "열염엽영예오옥온옹완왕요욕우운웅원월위유윤율융은음응의익일임잉작잔잠잡장쟁저적절접"
    "제졸종좌죄준줄중즉즐증질짐집징착찬찰참창채척천철첨첩청체촉촌총쵀축춘출충췌취측";

// Given-name and surname syllables for authors.
constexpr std::string_view kSurnames = "김이박최정강조윤장임한오서신권황안송류홍전고문양손배백허유남심노하곽성차주우구";
constexpr std::string_view kGiven = "민준서연지우현수하윤은영호진재성혜경동희태석아유주원도예채시건준";

// Real common nouns (news, tech, daily life).
constexpr const char* kKoNouns[] = {
    "정부",     "기업",     "시장",     "기술",     "산업",     "경제",       "정책",     "사업",       "서비스",
    "제품",     "회사",     "국내",     "해외",     "세계",     "미국",       "중국",     "일본",       "한국",
    "유럽",     "서울",     "부산",     "지역",     "사회",     "문제",       "상황",     "결과",       "이유",
    "방안",     "전략",     "목표",     "수요",     "가격",     "비용",       "매출",     "이익",       "실적",
    "규모",     "수준",     "비율",     "변화",     "영향",     "효과",       "관계",     "데이터",     "센터",
    "반도체",   "인공지능", "스마트폰", "배터리",   "전기차",   "자동차",     "플랫폼",   "소프트웨어", "클라우드",
    "네트워크", "보안",     "개인정보", "사용자",   "소비자",   "고객",       "직원",     "대표",       "회장",
    "사장",     "장관",     "대통령",   "의원",     "전문가",   "관계자",     "업계",     "분야",       "부문",
    "시스템",   "모델",     "버전",     "기능",     "성능",     "가능성",     "올해",     "지난해",     "내년",
    "현재",     "당시",     "이후",     "시간",     "기간",     "하루",       "주말",     "오전",       "오후",
    "계약",     "합병",     "상장",     "주가",     "주식",     "증시",       "금리",     "환율",       "물가",
    "부동산",   "일자리",   "교육",     "학생",     "학교",     "대학",       "병원",     "환자",       "건강",
    "의료",     "기후",     "환경",     "에너지",   "전력",     "원전",       "태양광",   "수소",       "탄소",
    "공장",     "수출",     "수입",     "무역",     "관세",     "법안",       "국회",     "선거",       "여론",
    "언론",     "방송",     "영화",     "음악",     "게임",     "콘텐츠",     "문화",     "여행",       "음식",
    "커피",     "도시",     "주민",     "가족",     "아이",     "부모",       "여성",     "청년",       "노인",
    "세대",     "인구",     "사람",     "생각",     "이야기",   "질문",       "답변",     "의견",       "입장",
    "발언",     "기자",     "독자",     "사진",     "영상",     "화면",       "카메라",   "칩",         "메모리",
    "프로세서", "서버",     "로봇",     "드론",     "우주",     "위성",       "로켓",     "백신",       "신약",
    "은행",     "금융",     "보험",     "대출",     "예산",     "세금",       "재정",     "지원금",     "인프라",
    "도로",     "철도",     "항공",     "공항",     "항구",     "날씨",       "폭염",     "장마",       "태풍",
    "지진",     "산불",     "미세먼지", "농업",     "어업",     "식품",       "소재",     "부품",       "장비",
    "설비",     "라인",     "공정",     "수율",     "특허",     "소송",       "판결",     "재판",       "검찰",
    "경찰",     "사고",     "원인",     "대책",     "기준",     "제도",       "규정",     "조건",       "가이드라인",
    "보고서",   "통계",     "지표",     "전망치",   "컨센서스", "애널리스트", "투자자",   "주주",       "배당",
    "채권",     "펀드",     "자산",     "부채",     "현금",     "달러",       "위안화",   "엔화",       "유가",
    "원자재",   "구리",     "리튬",     "희토류",   "광물",     "물류",       "택배",     "유통",       "매장",
    "온라인",   "오프라인", "앱",       "웹사이트", "검색",     "광고",       "구독",     "요금",       "할인",
    "이벤트",   "행사",     "전시회",   "회의",     "정상회담", "협상",       "동맹",     "갈등",       "전쟁",
    "평화",     "외교",     "안보",     "국방",     "군사",     "미사일",     "스타트업", "벤처",       "창업",
    "인재",     "채용",     "연봉",     "노조",     "파업",     "근로자",     "임금",     "복지",       "연금",
    "출산",     "고령화",   "저출생",   "청소년",   "대학생",   "연구진",     "연구소",   "실험",       "논문",
    "학회",     "특징",     "장점",     "단점",     "한계",     "과제",       "성과",     "경험",       "방식",
    "구조",     "과정",     "단계",     "부분",     "전체",     "일부",       "대부분",   "절반",       "두배",
    "최대",     "최소",     "평균",     "상위",     "하위",     "지난달",     "이번주",   "연말",       "연초",
};

// Verbal nouns: take 하다 (투자했다, 투자하여, 투자하는) and 되다 (투자됐다).
constexpr const char* kKoVerbal[] = {
    "발표", "투자", "개발", "출시", "공개", "계획", "추진", "설명", "강조", "확대", "감소", "증가", "기록",
    "예상", "전망", "검토", "협력", "합의", "인수", "생산", "판매", "도입", "지원", "운영", "참여", "제공",
    "구축", "분석", "확보", "유지", "결정", "요구", "발생", "연구", "시작", "준비", "경쟁", "성장", "하락",
    "상승", "주장", "지적", "비판", "평가", "진행", "공급", "수출", "적용", "활용", "개선", "변경", "논의",
    "언급", "보도", "조사", "점검", "신청", "승인", "허용", "금지", "반대", "지지", "우려", "기대", "선정",
    "체결", "완료", "확인", "예고", "제안", "출범", "설립", "채택", "전환", "통합", "연결", "처리", "대응",
};

constexpr const char* kFinalHa[] = {
    // after a verbal noun, ending a sentence
    "했다",          "한다",     "할 계획이다", "할 예정이다", "하기로 했다", "한 것으로 알려졌다", "하고 있다",
    "했다고 밝혔다", "했습니다", "합니다",      "해야 한다",   "할 수 있다",  "했다고 전했다",      "하지 않았다",
};
constexpr const char* kFinalDoe[] = {"됐다", "되었다", "된다", "될 전망이다", "되고 있다", "될 것으로 보인다"};
constexpr const char* kMidHa[] = {"하여", "하고", "하며", "했지만", "해", "하면서", "한 뒤", "하기 위해"};
constexpr const char* kAdnHa[] = {"하는", "한", "할", "하던", "된", "되는"};  // before a noun
constexpr const char* kPredicates[] = {
    "밝혔다",   "말했다",   "전했다", "보인다",   "나타났다", "늘었다",   "줄었다",   "올랐다", "떨어졌다", "내놓았다",
    "이어졌다", "높아졌다", "커졌다", "어렵다",   "필요하다", "중요하다", "많다",     "있다",   "없다",     "않았다",
    "달라졌다", "빨라졌다", "남았다", "바뀌었다", "만들었다", "보여줬다", "알려졌다", "쏠렸다", "몰렸다",
};
constexpr const char* kAdjectives[] = {"새로운", "큰",   "많은",   "높은",   "낮은",   "다양한", "주요",
                                       "중요한", "빠른", "글로벌", "국내외", "차세대", "대규모", "핵심"};
constexpr const char* kAdverbs[] = {"크게", "다시",     "계속", "이미", "함께", "더",     "가장",   "아직",
                                    "직접", "처음으로", "모두", "약",   "특히", "실제로", "빠르게", "꾸준히"};
constexpr const char* kConnectives[] = {"또한",   "특히", "하지만", "한편",   "이에 따라", "다만",     "그러나",
                                        "이번에", "반면", "결국",   "실제로", "앞서",      "이와 함께"};
constexpr const char* kSpeechVerbs[] = {"말했다", "밝혔다", "설명했다", "강조했다", "전했다", "덧붙였다"};

// Names: companies, products, people, places; many in mixed scripts.
constexpr const char* kKoNames[] = {
    "삼성",     "스타게이트",     "오픈AI",     "삼성전자",   "엔비디아",    "애플",      "구글",
    "챗GPT",    "마이크로소프트", "SK하이닉스", "소프트뱅크", "테슬라",      "메타",      "아마존",
    "네이버",   "카카오",         "현대차",     "LG전자",     "TSMC",        "인텔",      "퀄컴",
    "딥시크",   "화웨이",         "샤오미",     "AI칩",       "S25울트라",   "갤럭시S25", "아이폰16",
    "GPT-4o",   "HBM3E",          "5G",         "LLM",        "D램",         "낸드",      "파운드리",
    "손정의",   "샘 올트먼",      "젠슨 황",    "이재용",     "일론 머스크", "팀 쿡",     "클로드",
    "제미나이", "코파일럿",       "블랙웰",     "H100",       "쿠팡",        "배민",      "토스",
    "기아",     "포스코",         "한화",       "셀트리온",   "비전프로",    "M4칩",      "3나노",
    "2나노",    "앤트로픽",       "AMD",        "ARM",        "오라클",      "IBM",       "넷플릭스",
    "유튜브",   "틱톡",           "스페이스X",  "K팝",        "BTS",         "뉴진스",    "판교",
    "여의도",   "실리콘밸리",     "워싱턴",     "베이징",     "도쿄",
};
constexpr const char* kEnNames[] = {
    "OpenAI",     "Samsung", "Nvidia",     "Stargate",     "SoftBank",      "Microsoft", "Apple",     "Google",
    "Meta",       "Amazon",  "Tesla",      "Intel",        "TSMC",          "Qualcomm",  "DeepSeek",  "ChatGPT",
    "Claude",     "Gemini",  "Sam Altman", "Jensen Huang", "Masayoshi Son", "Elon Musk", "Blackwell", "iPhone",
    "Galaxy S25", "Oracle",  "Netflix",    "Seoul",        "Washington",    "Beijing",   "Tokyo",     "Silicon Valley",
    "Anthropic",  "Hyundai", "Naver",      "Kakao",
};

// --profile blog: the share of posts that name each of kKoNames / kEnNames
// (percent, same order). Measured with bench/df_profile.py on the four real
// blogs of ../shared/corpora (1,178 posts; only these shares are taken from
// them): 구글 in 22 %, 오픈AI 9 %, bare 삼성 under 2 %, most names under 1 %.
// A post names only the few names drawn for it (PostWriter::topics), so a
// name's document frequency is its share, whatever the post's length.
constexpr double kKoNameShare[] = {
    1.5, 0.2, 9.0, 1.9, 6.9, 6.2, 22.0, 2.8, 8.2, 0.7, 0.5, 2.3, 6.6, 6.9, 1.7, 0.9, 0.3, 0.3, 0.3,
    1.4, 0.7, 0.3, 0.1, 0.1, 1.0, 0.1, 0.5, 1.6, 3.0, 0.8, 1.0, 16.5, 0.5, 0.1, 0.5, 0.1, 1.0, 1.5,
    0.1, 6.1, 0.5, 6.2, 1.2, 2.5, 0.3, 0.5, 0.4, 0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.5, 0.3, 0.2, 0.2,
    3.1, 2.2, 0.9, 0.3, 0.7, 5.7, 2.1, 1.5, 0.5, 0.5, 1.1, 0.3, 0.1, 0.1, 2.6, 0.4, 0.3, 0.3,
};
constexpr double kEnNameShare[] = {
    25.8, 0.8, 6.5, 0.2, 0.3, 6.5, 6.8, 39.8, 7.9, 4.6, 1.2, 0.6, 0.3, 0.3, 1.0, 10.4, 15.3, 39.9,
    1.0,  0.5, 0.1, 1.0, 0.3, 1.5, 0.2, 0.3, 2.0, 1.0,  0.5, 0.3, 0.3, 1.0, 16.5, 0.3, 0.5, 0.3,
};
static_assert(std::size(kKoNameShare) == std::size(kKoNames) && std::size(kEnNameShare) == std::size(kEnNames));
// --profile blog: the share of posts on the blog's theme (AI news), which
// write "AI" (ai is in 70 % of the real posts); the others never do.
constexpr double kThemeShare = 0.70;

// Common English words, most frequent first (function words, then news words).
constexpr const char* kEnWords[] = {
    "the",         "of",        "and",          "to",          "a",          "in",        "that",     "is",
    "for",         "on",        "it",           "with",        "as",         "was",       "by",       "at",
    "from",        "be",        "have",         "has",         "are",        "said",      "will",     "its",
    "an",          "this",      "more",         "which",       "but",        "not",       "new",      "their",
    "also",        "about",     "up",           "after",       "year",       "than",      "two",      "first",
    "over",        "been",      "would",        "they",        "could",      "other",     "market",   "company",
    "companies",   "data",      "chip",         "chips",       "model",      "models",    "people",   "time",
    "percent",     "billion",   "million",      "government",  "according",  "report",    "users",    "service",
    "services",    "price",     "prices",       "growth",      "technology", "research",  "industry", "business",
    "investment",  "deal",      "sales",        "quarter",     "revenue",    "profit",    "shares",   "stock",
    "energy",      "power",     "cloud",        "software",    "network",    "security",  "system",   "systems",
    "center",      "centers",   "plan",         "plans",       "number",     "world",     "country",  "countries",
    "state",       "global",    "analyst",      "analysts",    "executive",  "chief",     "officer",  "president",
    "product",     "products",  "team",         "development", "launch",     "demand",    "supply",   "cost",
    "costs",       "rate",      "rates",        "bank",        "investors",  "customers", "support",  "public",
    "policy",      "law",       "rules",        "next",        "last",       "week",      "month",    "months",
    "years",       "day",       "early",        "late",        "major",      "large",     "small",    "high",
    "low",         "strong",    "weak",         "still",       "even",       "while",     "into",     "most",
    "some",        "many",      "only",         "because",     "before",     "during",    "since",    "under",
    "between",     "through",   "against",      "around",      "expected",   "announced", "reported", "built",
    "build",       "buy",       "sell",         "make",        "made",       "use",       "used",     "using",
    "open",        "source",    "language",     "training",    "inference",  "memory",    "server",   "servers",
    "factory",     "plant",     "workers",      "jobs",        "trade",      "tariffs",   "exports",  "imports",
    "election",    "court",     "rule",         "battery",     "batteries",  "vehicle",   "vehicles", "electric",
    "phone",       "phones",    "device",       "devices",     "design",     "designs",   "partner",  "partners",
    "partnership", "venture",   "fund",         "funding",     "capital",    "valuation", "startup",  "startups",
    "founder",     "engineers", "scientists",   "study",       "results",    "climate",   "heat",     "weather",
    "city",        "cities",    "students",     "school",      "health",     "hospital",  "patients", "drug",
    "vaccine",     "space",     "satellite",    "rocket",      "robot",      "robots",    "agent",    "agents",
    "search",      "video",     "music",        "game",        "games",      "film",      "content",  "platform",
    "app",         "apps",      "subscription", "advertising",
};

// Real collocations (two-word units the posts use and phrase queries look for).
constexpr const char* kKoColloc[] = {"데이터 센터", "인공 지능", "반도체 공장",     "전기 자동차",   "금리 인하",
                                     "주가 상승",   "생성형 AI", "언어 모델",       "공급 부족",     "수출 규제",
                                     "AI 동맹",     "AI 반도체", "클라우드 서비스", "개인정보 보호", "탄소 중립"};
constexpr const char* kEnColloc[] = {
    "data center",       "chief executive", "interest rates",          "supply chain", "language model", "open source",
    "electric vehicles", "stock market",    "artificial intelligence", "memory chips"};

constexpr const char* kTags[] = {
    "AI",         "반도체",   "삼성",   "스마트폰", "클라우드", "전기차",   "배터리",   "정책",     "경제",
    "증시",       "스타트업", "보안",   "게임",     "기후",     "에너지",   "우주",     "바이오",   "로봇",
    "데이터센터", "LLM",      "오픈AI", "엔비디아", "애플",     "구글",     "투자",     "규제",     "금리",
    "부동산",     "환율",     "교육",   "건강",     "여행",     "음식",     "영화",     "음악",     "스포츠",
    "일자리",     "인터뷰",   "리뷰",   "분석",     "칼럼",     "cloud",    "security", "startup",  "Apple",
    "Google",     "GPU",      "HBM",    "K팝",      "미국",     "중국",     "일본",     "유럽",     "무역",
    "관세",       "원전",     "수소",   "자율주행", "메타버스", "블록체인", "비트코인", "개인정보", "저출생",
    "고령화",     "노동",     "복지",   "선거",     "국회",     "외교",     "안보",
};
constexpr const char* kCategories[] = {"ai",      "tech",   "economy", "life", "world", "science",
                                       "culture", "sports", "opinion", "기술", "경제",  "사회"};
constexpr const char* kEnFirstNames[] = {"James", "Mary",  "Daniel", "Sarah", "Minji", "Jiwoo",
                                         "Priya", "David", "Emma",   "Kevin", "Laura", "Hyun"};

constexpr const char* kEnOnsets[] = {"b", "br", "c", "ch", "d",  "f",  "g", "gr", "h",  "j", "k", "l", "m", "n",
                                     "p", "pr", "r", "s",  "sh", "st", "t", "th", "tr", "v", "w", "",  "",  ""};
constexpr const char* kEnVowels[] = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "e", "ea", "ou", "io"};
constexpr const char* kEnCodas[] = {"", "", "", "", "", "n", "r", "l", "s", "t", "m", "nd", "st", "ng", "ck"};
constexpr const char* kEnSuffixes[] = {"tion", "ment", "ness", "er", "ing", "ed", "ly", "ity", "al", "s"};

template <class T, std::size_t N>
constexpr std::span<const T> S(const T (&a)[N]) {
    return {a, N};
}

// ---------------------------------------------------------------- vocabulary

struct Vocab {
    std::vector<std::string> syllables;  // kSyllables split
    Zipf syllable_zipf;
    std::vector<std::string> ko_nouns;  // real common nouns interleaved into the top ranks
    Zipf ko_zipf;
    std::vector<std::string> verbal;  // verbal nouns: real first, then synthetic
    Zipf verbal_zipf;
    std::vector<std::string> en_words;
    Zipf en_zipf;
    std::vector<std::string> ko_names, en_names;
    Zipf ko_name_zipf, en_name_zipf;
    Weighted ko_name_blog, en_name_blog;  // --profile blog: by kKoNameShare / kEnNameShare
    std::vector<std::string> ko_colloc, en_colloc;
    Zipf ko_colloc_zipf, en_colloc_zipf;
    std::vector<std::string> tags, categories, authors;
    Zipf tag_zipf, category_zipf, author_zipf;
};

// A synthetic Hangul noun of `len` syllables: mostly common syllables, sometimes
// a freshly composed one (initial, medial, final jamo weighted like Korean).
std::string make_hangul_word(const Vocab& v, Rng& r, int len) {
    static constexpr int initials[] = {0, 0, 2, 3, 5, 6, 7, 9, 9, 11, 11, 11, 12, 12, 14, 16, 17, 18, 18, 1, 10};
    static constexpr int medials[] = {0, 0, 0, 4, 4, 8, 8, 13, 13, 18, 20, 20, 1, 5, 6, 12, 17, 9, 14};
    static constexpr int finals[] = {4, 4, 21, 21, 8, 16, 1, 17, 19, 20};
    std::string w;
    for (int i = 0; i < len; ++i) {
        if (r.chance(0.97)) {
            w += v.syllables[v.syllable_zipf(r)];
        } else {
            const int l = r.pick(S(initials)), m = r.pick(S(medials));
            const int t = r.chance(0.5) ? 0 : r.pick(S(finals));
            put_cp(w, static_cast<char32_t>(0xAC00 + (l * 21 + m) * 28 + t));
        }
    }
    return w;
}

int hangul_length(Rng& r) {  // 1: 4 %, 2: 48 %, 3: 30 %, 4: 13 %, 5: 5 %
    const double u = r.uniform();
    return u < 0.04 ? 1 : u < 0.52 ? 2 : u < 0.82 ? 3 : u < 0.95 ? 4 : 5;
}

std::string make_english_word(Rng& r) {
    std::string w;
    const double u = r.uniform();
    const int syl = u < 0.3 ? 1 : u < 0.85 ? 2 : 3;
    for (int i = 0; i < syl; ++i) {
        w += r.pick(S(kEnOnsets));
        w += r.pick(S(kEnVowels));
        w += r.pick(S(kEnCodas));
    }
    if (r.chance(0.25)) w += r.pick(S(kEnSuffixes));
    return w;
}

Vocab build_vocab(std::uint64_t seed) {
    Vocab v;
    Rng r(seed, 0xF00D);
    for (std::string& s : split_cps(kSyllables))  // (the list repeats a few: first place counts)
        if (std::find(v.syllables.begin(), v.syllables.end(), s) == v.syllables.end()) v.syllables.push_back(s);
    v.syllable_zipf = Zipf(v.syllables.size(), 0.8, 4);

    std::unordered_set<std::string> seen;
    for (const char* w : kKoNouns) seen.insert(w);
    for (const char* w : kKoVerbal) seen.insert(w);
    for (const char* w : kKoNames) seen.insert(w);
    constexpr std::size_t kSyntheticNouns = 60000;
    std::vector<std::string> synthetic;
    synthetic.reserve(kSyntheticNouns);
    while (synthetic.size() < kSyntheticNouns) {
        std::string w = make_hangul_word(v, r, hangul_length(r));
        if (seen.insert(w).second) synthetic.push_back(std::move(w));
    }
    // Real words take every other rank at the top: frequent, but not all of the head.
    std::size_t ri = 0, si = 0;
    const std::size_t real = std::size(kKoNouns);
    while (ri < real || si < synthetic.size()) {
        if (ri < real && (v.ko_nouns.size() % 2 == 0 || si >= synthetic.size()))
            v.ko_nouns.emplace_back(kKoNouns[ri++]);
        else
            v.ko_nouns.push_back(std::move(synthetic[si++]));
    }
    v.ko_zipf = Zipf(v.ko_nouns.size(), 1.0, 2.7);

    for (const char* w : kKoVerbal) v.verbal.emplace_back(w);
    for (int i = 0; i < 400; ++i) {  // synthetic verbal nouns (2 syllables, like most Sino-Korean ones)
        std::string w = make_hangul_word(v, r, 2);
        if (seen.insert(w).second) v.verbal.push_back(std::move(w));
    }
    v.verbal_zipf = Zipf(v.verbal.size(), 1.0, 3);

    std::unordered_set<std::string> en_seen;
    for (const char* w : kEnWords) v.en_words.emplace_back(w), en_seen.insert(w);
    while (v.en_words.size() < 25000) {
        std::string w = make_english_word(r);
        if (w.size() >= 3 && en_seen.insert(w).second) v.en_words.push_back(std::move(w));
    }
    v.en_zipf = Zipf(v.en_words.size(), 1.1, 1.2);

    for (const char* w : kKoNames) v.ko_names.emplace_back(w);
    for (const char* w : kEnNames) v.en_names.emplace_back(w);
    v.ko_name_zipf = Zipf(v.ko_names.size(), 0.9, 1.5);
    v.en_name_zipf = Zipf(v.en_names.size(), 0.9, 1.5);
    v.ko_name_blog = Weighted(S(kKoNameShare));
    v.en_name_blog = Weighted(S(kEnNameShare));

    // Collocations: the real ones first, then pairs of frequent nouns / words.
    for (const char* w : kKoColloc) v.ko_colloc.emplace_back(w);
    for (const char* w : kEnColloc) v.en_colloc.emplace_back(w);
    std::unordered_set<std::string> col_seen(v.ko_colloc.begin(), v.ko_colloc.end());
    while (v.ko_colloc.size() < 3000) {
        std::string c = cat({v.ko_nouns[v.ko_zipf.below(r, 8000)], " ", v.ko_nouns[v.ko_zipf.below(r, 8000)]});
        if (col_seen.insert(c).second) v.ko_colloc.push_back(std::move(c));
    }
    while (v.en_colloc.size() < 800) {
        const std::size_t a = 60 + v.en_zipf.below(r, 6000), b = 60 + v.en_zipf.below(r, 6000);
        std::string c =
            v.en_words[std::min(a, v.en_words.size() - 1)] + " " + v.en_words[std::min(b, v.en_words.size() - 1)];
        if (col_seen.insert(c).second) v.en_colloc.push_back(std::move(c));
    }
    v.ko_colloc_zipf = Zipf(v.ko_colloc.size(), 0.9, 2);
    v.en_colloc_zipf = Zipf(v.en_colloc.size(), 0.9, 2);

    for (const char* t : kTags) v.tags.emplace_back(t);
    for (const char* c : kCategories) v.categories.emplace_back(c);
    v.tag_zipf = Zipf(v.tags.size(), 0.9, 2);
    v.category_zipf = Zipf(v.categories.size(), 0.8, 1);
    const auto surnames = split_cps(kSurnames), given = split_cps(kGiven);
    std::unordered_set<std::string> a_seen;
    while (v.authors.size() < 240) {
        std::string a;
        if (r.chance(0.8)) {
            a = cat({surnames[r.below(surnames.size())], given[r.below(given.size())], given[r.below(given.size())]});
        } else {
            std::string last = make_english_word(r);
            last[0] = static_cast<char>(last[0] - 'a' + 'A');
            a = std::string(r.pick(S(kEnFirstNames))) + " " + last;
        }
        if (a_seen.insert(a).second) v.authors.push_back(std::move(a));
    }
    v.author_zipf = Zipf(v.authors.size(), 0.8, 3);
    return v;
}

// ---------------------------------------------------------------- one post

struct Date {
    int y, mo, d, h, mi, s;
};

class PostWriter {
public:
    PostWriter(const Vocab& v, Rng& r, std::string& o, bool blog) : v_(v), r_(r), o_(o), blog_(blog) {}

    // Front matter and body of post `n` dated `dt`.
    void post(const Date& dt) {
        if (blog_) {
            topics();
        } else {
            english_share_ = r_.chance(0.7) ? 0.08 : r_.chance(0.6) ? 0.85 : 0.4;
        }
        const double median = blog_ ? 2000 : 1300, sigma = 0.6;
        const double most = blog_ ? 7800 : 4800;
        ceiling_ = blog_ ? 8000 : 5000;
        target_ = static_cast<std::size_t>(std::clamp(median * std::exp(sigma * r_.normal()), 300.0, most));
        front_matter(dt);
        body();
    }

private:
    bool english() { return r_.chance(english_share_); }

    // --profile blog: what this post is about. On the theme (70 %) or not;
    // its names, each with its share of posts (kKoNameShare), names with
    // "AI" only on the theme; sixteen topic nouns (half Zipf, half uniform over ranks 30-3,030) that come back through the
    // post (a real post repeats its subject: a noun's df is well below what
    // its frequency would give if every post drew from the whole vocabulary);
    // English mostly absent (the real blogs: `the` in 38 % of the posts).
    void topics() {
        theme_ = r_.chance(kThemeShare);
        const double u = r_.uniform();
        english_share_ = u < 0.55 ? 0.0 : u < 0.85 ? 0.08 : u < 0.95 ? 0.4 : 0.85;
        ko_topic_.clear();
        for (std::size_t i : draw_each(r_, S(kKoNameShare)))
            if (theme_ || v_.ko_names[i].find("AI") == std::string::npos) ko_topic_.push_back(i);
        en_topic_ = draw_each(r_, S(kEnNameShare));
        noun_topic_.clear();
        for (int k = 0; k < 16; ++k)
            noun_topic_.push_back(k % 2 ? 30 + v_.ko_zipf.below(r_, 20000) : 30 + r_.below(3000));
    }
    // A Korean name: any (zipf) or one of the post's (blog; "" if it has
    // none), where the blog also writes its English names (OpenAI가).
    std::string_view ko_name() {
        if (!blog_) return v_.ko_names[v_.ko_name_zipf(r_)];
        const std::size_t k = ko_topic_.size(), n = k + en_topic_.size();
        if (n == 0) return {};
        const std::size_t i = r_.below(n);
        return i < k ? v_.ko_names[ko_topic_[i]] : v_.en_names[en_topic_[i - k]];
    }
    std::string_view en_name() {
        if (!blog_) return v_.en_names[v_.en_name_zipf(r_)];
        if (en_topic_.empty()) return {};
        return v_.en_names[en_topic_[r_.below(en_topic_.size())]];
    }
    // A collocation; off the blog's theme, none with "AI" in it.
    const std::string& ko_colloc() {
        for (;;) {
            const std::string& c = v_.ko_colloc[v_.ko_colloc_zipf(r_)];
            if (!blog_ || theme_ || c.find("AI") == std::string::npos) return c;
        }
    }

    // ---- words
    void ko_noun() {
        const double u = r_.uniform();
        std::string_view name;
        if (blog_ && theme_ && u < 0.05) {  // the theme's own word
            o_ += r_.chance(0.7) ? "AI" : "인공지능";
        } else if (u < 0.13 && !(name = ko_name()).empty()) {
            o_ += name;
        } else if (u < 0.18) {
            o_ += ko_colloc();
        } else if (u < 0.24) {  // compound written as one word (데이터센터, 반도체공장)
            o_ += v_.ko_nouns[v_.ko_zipf.below(r_, 5000)];
            o_ += v_.ko_nouns[v_.ko_zipf.below(r_, 5000)];
        } else if (u < 0.25) {  // fresh word: the long tail (rare names, typos)
            o_ += make_hangul_word(v_, r_, 2 + static_cast<int>(r_.below(3)));
        } else if (blog_ && u < 0.45) {
            o_ += v_.ko_nouns[noun_topic_[r_.below(noun_topic_.size())]];
        } else {
            o_ += v_.ko_nouns[v_.ko_zipf(r_)];
            if (r_.chance(0.03)) o_ += "들";
        }
        if (r_.chance(0.01) && (!blog_ || theme_)) o_ += "(AI)";
    }
    void ko_np() {
        if (r_.chance(0.12)) o_ += r_.pick(S(kAdjectives)), o_ += ' ';
        if (r_.chance(0.08)) {
            ko_noun();
            o_ += "의 ";
        }
        ko_noun();
    }
    void verbal() { o_ += v_.verbal[v_.verbal_zipf(r_)]; }

    // A phrase with its particle; sometimes wrapped in a link, **bold** or <b>.
    void phrase(P p, bool np = true) {
        const double u = r_.uniform();
        const int wrap = in_title_ ? 0 : u < 0.012 ? 1 : u < 0.02 ? 2 : u < 0.026 ? 3 : 0;
        if (wrap == 1) o_ += '[';
        if (wrap == 2) o_ += "<b>";
        if (wrap == 3) o_ += "**";
        if (np)
            ko_np();
        else
            number_phrase();
        const Coda c = coda_of(o_);
        if (wrap == 1) link_target();
        if (wrap == 2) o_ += "</b>";
        if (wrap == 3) o_ += "**";
        o_ += particle_form(p, c);
    }
    void link_target() {
        static constexpr const char* hosts[] = {"https://example.com/news/", "https://news.example.kr/article/",
                                                "https://blog.example.org/p/"};
        o_ += "](";
        o_ += r_.pick(S(hosts));
        o_ += std::to_string(r_.below(900000) + 1000);
        o_ += ')';
    }

    void number_phrase() {
        const int n = 1 + static_cast<int>(r_.below(r_.chance(0.7) ? 20 : 999));
        switch (r_.below(13)) {
            case 0:
                o_ += std::to_string(n) + "억 달러";
                break;
            case 1:
                o_ += std::to_string(n) + "조 원";
                break;
            case 2:
                o_ += std::to_string(n) + "만 명";
                break;
            case 3:
                o_ += std::to_string(n % 100) + "." + std::to_string(r_.below(10)) + "%";
                break;
            case 4:
                o_ += std::to_string(2010 + r_.below(17)) + "년";
                break;
            case 5:
                o_ += std::to_string(1 + r_.below(4)) + "분기";
                break;
            case 6:
                o_ += cat({std::to_string(1 + r_.below(12)), "월 ", std::to_string(1 + r_.below(28)), "일"});
                break;
            case 7:
                o_ += std::to_string(n) + "개";
                break;
            case 8:
                o_ += std::to_string(n) + "대";
                break;
            case 9:
                o_ += std::to_string(n) + "," + std::to_string(100 + r_.below(900)) + "명";
                break;
            case 10:
                o_ += std::to_string(2 + r_.below(9)) + "배";
                break;
            case 11:
                o_ += std::to_string(n) + "GB";
                break;
            default:
                o_ += std::to_string(n) + "%";
                break;
        }
    }

    void time_phrase() {
        switch (r_.below(6)) {
            case 0:
                o_ += cat({std::to_string(2015 + r_.below(12)), "년 ", std::to_string(1 + r_.below(4)), "분기에 "});
                break;
            case 1:
                o_ += "지난 " + std::to_string(1 + r_.below(30)) + "일 ";
                break;
            case 2:
                o_ += "올해 ";
                break;
            case 3:
                o_ += "지난해 ";
                break;
            case 4:
                o_ += cat({std::to_string(1 + r_.below(12)), "월 ", std::to_string(1 + r_.below(28)), "일에 "});
                break;
            default:
                o_ += "최근 ";
                break;
        }
    }

    void final_predicate() {
        if (r_.chance(0.15)) o_ += r_.pick(S(kAdverbs)), o_ += ' ';
        const double u = r_.uniform();
        if (u < 0.62) {
            verbal();
            o_ += r_.pick(S(kFinalHa));
        } else if (u < 0.72) {
            verbal();
            o_ += r_.pick(S(kFinalDoe));
        } else {
            o_ += r_.pick(S(kPredicates));
        }
    }

    void ko_sentence() {
        if (r_.chance(0.18)) o_ += r_.pick(S(kConnectives)), o_ += ' ';
        if (r_.chance(0.25)) time_phrase();
        switch (r_.below(7)) {
            case 0:
            case 1:  // X가 Y에서 Z를 투자했다.
                phrase(r_.chance(0.5) ? P::Subject : P::Topic), o_ += ' ';
                if (r_.chance(0.4)) phrase(r_.chance(0.5) ? P::In : P::Toward), o_ += ' ';
                if (r_.chance(0.3)) phrase(P::Bare, false), o_ += " 규모의 ";
                phrase(P::Object), o_ += ' ';
                final_predicate();
                break;
            case 2:  // X는 Y를 개발하여 Z에 공급할 계획이다.
                phrase(P::Topic), o_ += ' ';
                phrase(P::Object), o_ += ' ';
                verbal(), o_ += r_.pick(S(kMidHa)), o_ += ' ';
                phrase(r_.chance(0.5) ? P::At : P::To), o_ += ' ';
                final_predicate();
                break;
            case 3:  // X의 Y가 3억 달러로 증가했다.
                phrase(P::Subject), o_ += ' ';
                phrase(r_.chance(0.5) ? P::Toward : P::Bare, false);
                if (o_.back() != ' ') o_ += ' ';
                final_predicate();
                break;
            case 4: {  // “…”라고 X는 말했다.
                o_ += "\u201C";
                phrase(P::Subject), o_ += ' ';
                phrase(P::Object), o_ += ' ';
                verbal(), o_ += r_.pick(S(kFinalHa));
                o_ += "\u201D";
                o_ += r_.chance(0.5) ? "라고 " : "고 ";
                phrase(P::Topic), o_ += ' ';
                o_ += r_.pick(S(kSpeechVerbs));
                break;
            }
            case 5:  // X는 Y의 핵심이다.
                phrase(P::Topic), o_ += ' ';
                phrase(r_.chance(0.7) ? P::Is : P::Was);
                break;
            default:  // X와 Y가 Z를 위해 협력하는 W도 있다.
                phrase(r_.chance(0.5) ? P::And : P::With), o_ += ' ';
                phrase(P::Subject), o_ += ' ';
                if (r_.chance(0.5)) phrase(P::Like), o_ += ' ';
                verbal(), o_ += r_.pick(S(kAdnHa)), o_ += ' ';
                phrase(r_.chance(0.5) ? P::Also : P::Only), o_ += ' ';
                o_ += r_.chance(0.5) ? "있다" : "늘고 있다";
                break;
        }
        o_ += '.';
    }

    void en_word() {
        const double u = r_.uniform();
        std::string_view name;
        if (blog_ && theme_ && u < 0.02)
            o_ += "AI";
        else if (u < 0.08 && !(name = en_name()).empty())
            o_ += name;
        else if (u < 0.08)
            o_ += v_.en_words[v_.en_zipf(r_)];
        else if (u < 0.11)
            o_ += v_.en_colloc[v_.en_colloc_zipf(r_)];
        else if (u < 0.12)
            o_ += cat({"$", std::to_string(1 + r_.below(90)), r_.chance(0.5) ? " billion" : " million"});
        else if (u < 0.13)
            o_ += std::to_string(2010 + r_.below(17));
        else if (u < 0.135)
            o_ += std::to_string(1 + r_.below(99)) + "%";
        else if (u < 0.14 && !(name = ko_name()).empty())
            o_ += name;  // a Korean name quoted in English text
        else
            o_ += v_.en_words[v_.en_zipf(r_)];
    }

    void en_sentence() {
        const std::size_t start = o_.size();
        const int words = 6 + static_cast<int>(r_.below(16));
        for (int i = 0; i < words; ++i) {
            if (i) o_ += (r_.chance(0.06) ? ", " : " ");
            en_word();
        }
        if (o_[start] >= 'a' && o_[start] <= 'z') o_[start] = static_cast<char>(o_[start] - 'a' + 'A');
        o_ += r_.chance(0.05) ? "?" : ".";
    }

    void sentence() {
        if (english())
            en_sentence();
        else
            ko_sentence();
    }

    // ---- blocks
    void paragraph() {
        const int n = 2 + static_cast<int>(r_.below(4));
        for (int i = 0; i < n; ++i) {
            if (i) o_ += ' ';
            sentence();
        }
        o_ += "\n\n";
    }
    void heading() {
        o_ += r_.chance(0.8) ? "## " : "### ";
        if (english()) {
            const std::size_t start = o_.size();
            const int n = 2 + static_cast<int>(r_.below(4));
            for (int i = 0; i < n; ++i) {
                if (i) o_ += ' ';
                en_word();
            }
            if (o_[start] >= 'a' && o_[start] <= 'z') o_[start] = static_cast<char>(o_[start] - 'a' + 'A');
        } else {
            ko_np();
            if (r_.chance(0.5)) {
                o_ += particle_form(P::Of, Coda::None);
                o_ += ' ';
                ko_noun();
            }
            if (r_.chance(0.2)) o_ += '?';
        }
        o_ += "\n\n";
    }
    void list() {
        const bool ordered = r_.chance(0.3);
        const int n = 2 + static_cast<int>(r_.below(4));
        for (int i = 0; i < n; ++i) {
            o_ += ordered ? std::to_string(i + 1) + ". " : "- ";
            if (r_.chance(0.5))
                sentence();
            else if (english())
                en_word(), o_ += ' ', o_ += v_.en_words[60 + v_.en_zipf.below(r_, 5000)];
            else
                phrase(P::Bare), o_ += ' ', verbal();
            o_ += '\n';
        }
        o_ += '\n';
    }
    void quote() {
        o_ += "> ";
        sentence();
        o_ += "\n\n";
    }
    void table() {
        const int y = 2015 + static_cast<int>(r_.below(10));
        o_ += "| 구분 | " + std::to_string(y) + "년 | " + std::to_string(y + 1) + "년 | 증감 |\n";
        o_ += "|---|---:|---:|---:|\n";
        const int rows = 2 + static_cast<int>(r_.below(4));
        for (int i = 0; i < rows; ++i) {
            o_ += "| ";
            std::string_view name;
            if (r_.chance(0.3) && !(name = ko_name()).empty())
                o_ += name;
            else
                o_ += v_.ko_nouns[v_.ko_zipf.below(r_, 3000)];
            const int a = 100 + static_cast<int>(r_.below(9900)), b = 100 + static_cast<int>(r_.below(9900));
            char buf[96];
            std::snprintf(buf, sizeof buf, " | %d,%03d | %d,%03d | %.1f%% |\n", a / 1000, a % 1000, b / 1000, b % 1000,
                          100.0 * (b - a) / a);
            o_ += buf;
        }
        o_ += '\n';
    }
    void code() {
        const auto w = [&] { return v_.en_words[60 + v_.en_zipf.below(r_, 3000)]; };
        switch (r_.below(3)) {
            case 0:
                o_ += cat({"```python\ndef ", w(), "_", w(), "(", w(), "):\n"});
                o_ += cat({"    return ", w(), " * ", std::to_string(r_.below(100)), "\n```\n\n"});
                break;
            case 1:
                o_ += cat({"```bash\n$ ", w(), " --", w(), " ", std::to_string(r_.below(1000)), "\n```\n\n"});
                break;
            default:
                o_ += cat({"```json\n{\"", w(), "\": ", std::to_string(r_.below(10000)), ", \"name\": \"",
                           blog_ ? std::string_view("example") : v_.en_names[v_.en_name_zipf(r_)], "\"}\n```\n\n"});
                break;
        }
    }
    void image() {
        o_ += cat({"![", v_.ko_nouns[v_.ko_zipf.below(r_, 2000)], "](/assets/img/", std::to_string(r_.below(100000)),
                   ".jpg)\n\n"});
    }

    void body() {
        const std::size_t start = o_.size();
        std::size_t cps = 0, counted = start, last_ok = start;
        bool prev_heading = true;  // no heading first
        while (true) {
            const double u = r_.uniform();
            if (u < 0.11 && !prev_heading)
                heading(), prev_heading = true;
            else if (u < 0.20)
                list(), prev_heading = false;
            else if (u < 0.24)
                quote(), prev_heading = false;
            else if (u < 0.25)
                table(), prev_heading = false;
            else if (u < 0.265)
                code(), prev_heading = false;
            else if (u < 0.275)
                image(), prev_heading = false;
            else
                paragraph(), prev_heading = false;
            cps += cp_count(std::string_view(o_).substr(counted));
            counted = o_.size();
            if (cps > ceiling_) {  // hard ceiling: drop the last block
                o_.resize(last_ok);
                break;
            }
            last_ok = o_.size();
            if (cps >= target_ && !prev_heading) break;
        }
        if (o_.size() == start) paragraph();  // (a first block over the ceiling: never with these sizes)
        while (o_.size() > start && o_.back() == '\n') o_.pop_back();
        o_ += '\n';
    }

    // ---- front matter
    std::string title() {
        std::string saved;
        saved.swap(o_);
        in_title_ = true;
        if (english_share_ > 0.5) {
            const int n = 4 + static_cast<int>(r_.below(6));
            for (int i = 0; i < n; ++i) {
                if (i) o_ += ' ';
                en_word();
            }
            if (o_[0] >= 'a' && o_[0] <= 'z') o_[0] = static_cast<char>(o_[0] - 'a' + 'A');
        } else {
            switch (r_.below(4)) {
                case 0:
                    if (const std::string_view n = ko_name(); !n.empty()) o_ += n, o_ += ", ";
                    phrase(P::Bare), o_ += ' ', verbal();
                    break;
                case 1:
                    phrase(P::Subject), o_ += ' ', phrase(P::Object), o_ += ' ', verbal(), o_ += "했다";
                    break;
                case 2:
                    ko_noun(), o_ += ": ";  // needs quoting in YAML
                    phrase(P::Bare), o_ += ' ', number_phrase(), o_ += ' ', verbal();
                    break;
                default:
                    phrase(P::Of), o_ += ' ', ko_noun(), o_ += "\u2026 ";
                    phrase(P::Bare), o_ += ' ', verbal(), o_ += r_.chance(0.5) ? "할까" : "한다";
                    break;
            }
        }
        in_title_ = false;
        o_.swap(saved);
        return saved;
    }

    void yaml_string(const std::string& s, bool may_plain) {
        const bool plain_ok = may_plain && s.find(": ") == std::string::npos && s.find(" #") == std::string::npos &&
                              s.find('"') == std::string::npos && std::strchr("[]{}&*!|>'\"%@`#,?:-", s[0]) == nullptr;
        const double u = r_.uniform();
        if (plain_ok && u < 0.5) {
            o_ += s;
        } else if (u < 0.85 || s.find('\'') != std::string::npos) {
            o_ += '"';
            for (char c : s) {
                if (c == '"' || c == '\\') o_ += '\\';
                o_ += c;
            }
            o_ += '"';
        } else {
            o_ += '\'' + s + '\'';
        }
    }

    void date_line(const Date& t) {
        char buf[64];
        const double u = r_.uniform();
        if (u < 0.40) {
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d +0900", t.y, t.mo, t.d, t.h, t.mi, t.s);
        } else if (u < 0.60) {
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+09:00", t.y, t.mo, t.d, t.h, t.mi, t.s);
        } else if (u < 0.75) {
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.y, t.mo, t.d);
        } else if (u < 0.85) {
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", t.y, t.mo, t.d, t.h, t.mi);
        } else if (u < 0.95) {  // UTC; hours 0-14 keep the file name's day in both zones
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", t.y, t.mo, t.d, t.h % 15, t.mi, t.s);
        } else {
            std::snprintf(buf, sizeof buf, "\"%04d-%02d-%02d %02d:%02d:%02d +0900\"", t.y, t.mo, t.d, t.h, t.mi, t.s);
        }
        o_ += "date: ";
        o_ += buf;
        o_ += '\n';
    }

    // tags/categories in one of the styles Jekyll sites use.
    void list_field(const char* plural, const char* singular, const std::vector<std::string>& items) {
        const double u = r_.uniform();
        if (items.size() == 1 && u < 0.15) {
            o_ += std::string(singular) + ": " + items[0] + "\n";
        } else if (u < 0.45) {
            o_ += std::string(plural) + ": [";
            for (std::size_t i = 0; i < items.size(); ++i) o_ += (i ? ", " : "") + items[i];
            o_ += "]\n";
        } else if (u < 0.80) {
            o_ += std::string(plural) + ":\n";
            for (const auto& t : items) o_ += "  - " + t + "\n";
        } else {
            o_ += std::string(plural) + ": ";
            for (std::size_t i = 0; i < items.size(); ++i) o_ += (i ? " " : "") + items[i];
            o_ += '\n';
        }
    }

    std::vector<std::string> draw(const std::vector<std::string>& from, const Zipf& z, int n) {
        std::vector<std::string> out;
        for (int tries = 0; static_cast<int>(out.size()) < n && tries < 4 * n; ++tries) {
            const std::string& t = from[z(r_)];
            if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
        }
        return out;
    }

    void front_matter(const Date& t) {
        o_ += "---\n";
        if (r_.chance(0.5)) o_ += "layout: post\n";
        o_ += "title: ";
        yaml_string(title(), true);
        o_ += '\n';
        date_line(t);
        if (r_.chance(0.85))
            list_field("categories", "category", draw(v_.categories, v_.category_zipf, r_.chance(0.8) ? 1 : 2));
        list_field("tags", "tag", draw(v_.tags, v_.tag_zipf, 1 + static_cast<int>(r_.below(6))));
        if (r_.chance(0.7)) {
            o_ += "author: ";
            yaml_string(v_.authors[v_.author_zipf(r_)], true);
            o_ += '\n';
        }
        o_ += "---\n\n";
    }

    const Vocab& v_;
    Rng& r_;
    std::string& o_;
    double english_share_ = 0.1;
    const bool blog_;
    bool theme_ = true;
    std::vector<std::size_t> ko_topic_, en_topic_, noun_topic_;
    std::size_t ceiling_ = 5000;
    bool in_title_ = false;
    std::size_t target_ = 1000;
};

// Days since 1970-01-01 -> civil date (Howard Hinnant's algorithm).
void civil(long z, int& y, int& m, int& d) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

constexpr std::uint64_t kPostStream = 0x9057;

// Post i: its file name (relative to DIR) and contents.
void make_post(const Vocab& v, std::uint64_t seed, bool blog, std::size_t i, std::string& name, std::string& text) {
    Rng r(seed, kPostStream + i * 0x100000001B3ull);
    Date t{};
    // 2015-01-01 .. 2026-06-30, days since the epoch 16436 .. 20634.
    civil(16436 + static_cast<long>(r.below(4199)), t.y, t.mo, t.d);
    t.h = r.range(6, 23), t.mi = r.range(0, 59), t.s = r.range(0, 59);
    char buf[96];
    std::snprintf(buf, sizeof buf, "_posts/%04zu/%04d-%02d-%02d-post-%07zu.md", i / 1000, t.y, t.mo, t.d, i);
    name = buf;
    text.clear();
    PostWriter(v, r, text, blog).post(t);
}

// ---------------------------------------------------------------- queries

// Names are drawn by their frequency in the corpus: Zipf ranks, or with
// --profile blog by their share of posts (readers ask for what is written about).
std::string query_word(const Vocab& v, Rng& r, bool korean_only, bool blog) {
    const double u = r.uniform();
    if (u < 0.35) {  // one word: names written with a space (샘 올트먼) are drawn again
        for (;;) {
            const std::string& n = v.ko_names[blog ? v.ko_name_blog(r) : v.ko_name_zipf(r)];
            if (n.find(' ') == std::string::npos) return n;
        }
    }
    if (u < 0.45 && !korean_only) {
        std::string n = v.en_names[blog ? v.en_name_blog(r) : v.en_name_zipf(r)];
        return n.find(' ') == std::string::npos ? n : "OpenAI";
    }
    if (u < 0.55 && !korean_only) return v.en_words[std::min(v.en_words.size() - 1, 60 + v.en_zipf.below(r, 2000))];
    return v.ko_nouns[v.ko_zipf.below(r, 3000)];
}

void write_queries(const Vocab& v, std::uint64_t seed, bool blog, std::size_t per_class, const std::string& path) {
    Rng r(seed, 0x0E1);
    auto query_word = [blog](const Vocab& v, Rng& r, bool korean_only) { return ::query_word(v, r, korean_only, blog); };
    std::string o;
    auto line = [&](const char* cls, const std::string& q) { o += std::string(cls) + "\t" + q + "\n"; };
    for (std::size_t i = 0; i < per_class; ++i) line("1word", query_word(v, r, false));
    for (std::size_t i = 0; i < per_class; ++i) {
        std::string a = query_word(v, r, false), b = query_word(v, r, false);
        while (b == a) b = query_word(v, r, false);
        line("2word", a + " " + b);
    }
    for (std::size_t i = 0; i < per_class; ++i) {
        const std::string& c =
            r.chance(0.75) ? v.ko_colloc[v.ko_colloc_zipf.below(r, 1500)] : v.en_colloc[v.en_colloc_zipf.below(r, 400)];
        line("phrase", "\"" + c + "\"");
    }
    for (std::size_t i = 0; i < per_class; ++i) {
        if (i == 0) {
            line("filtered", "삼성 tag:AI");
            continue;
        }
        line("filtered", cat({query_word(v, r, false), " tag:", v.tags[v.tag_zipf.below(r, 30)]}));
    }
    static constexpr P particles[] = {P::Subject, P::Object, P::Topic, P::Of, P::In, P::Toward, P::And, P::Also};
    for (std::size_t i = 0; i < per_class; ++i) {
        if (i == 0) {
            line("particle", "삼성이");
            continue;
        }
        if (i == 1) {
            line("particle", "스타게이트를");
            continue;
        }
        if (r.chance(0.15)) {  // a verbal noun with an ending
            static constexpr const char* endings[] = {"했다", "하는", "하여", "됐다"};
            line("particle", cat({v.verbal[v.verbal_zipf.below(r, 120)], r.pick(S(endings))}));
            continue;
        }
        const std::string w = query_word(v, r, true);
        line("particle", w + particle_form(r.pick(S(particles)), coda_of(w)));
    }
    std::ofstream out(path, std::ios::binary);
    out << o;
    if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

// ---------------------------------------------------------------- files

void mkdir_p(const std::string& path) {
    std::string cur;
    for (std::size_t i = 0; i <= path.size(); ++i) {
        if (i == path.size() || (path[i] == '/' && i > 0)) {
            cur = path.substr(0, i);
            if (::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST)
                throw std::runtime_error("mkdir " + cur + ": " + std::strerror(errno));
        }
    }
}

void write_file(const std::string& path, std::string_view data) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("open " + path + ": " + std::strerror(errno));
    while (!data.empty()) {
        const ssize_t w = ::write(fd, data.data(), data.size());
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            const int e = errno;
            ::close(fd);
            throw std::runtime_error("write " + path + ": " + std::strerror(e));
        }
        data.remove_prefix(static_cast<std::size_t>(w));
    }
    if (::close(fd) != 0) throw std::runtime_error("close " + path + ": " + std::strerror(errno));
}

const char* const kUsageText =
    "usage: gen_corpus --n N --out DIR [--seed S] [--jobs J] [--profile zipf|blog] [--queries FILE [--per-class K]]\n"
    "       gen_corpus --queries FILE [--seed S] [--profile zipf|blog] [--per-class K]     (queries only)\n"
    "  --profile zipf (default): every post draws from the whole Zipf vocabulary (names in most posts: the worst case)\n"
    "  --profile blog: document frequencies of real blogs (names in a few %, ai in 70 %; bench/README.md)\n";

}  // namespace

int main(int argc, char** argv) {
    std::size_t n = 0, per_class = 200;
    std::uint64_t seed = 1;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    std::string out, queries;
    bool have_n = false, blog = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "gen_corpus: " << a << " needs a value\n" << kUsageText;
                std::exit(2);
            }
            return argv[++i];
        };
        auto number = [&]() -> std::uint64_t {
            const std::string s = value();
            char* end = nullptr;
            const unsigned long long x = std::strtoull(s.c_str(), &end, 10);
            if (s.empty() || *end != '\0' || s[0] == '-') {
                std::cerr << "gen_corpus: " << a << ": not a number: " << s << "\n";
                std::exit(2);
            }
            return x;
        };
        if (a == "--n")
            n = number(), have_n = true;
        else if (a == "--out")
            out = value();
        else if (a == "--seed")
            seed = number();
        else if (a == "--jobs")
            jobs = static_cast<unsigned>(std::max<std::uint64_t>(1, number()));
        else if (a == "--queries")
            queries = value();
        else if (a == "--profile") {
            const std::string p = value();
            if (p != "zipf" && p != "blog") {
                std::cerr << "gen_corpus: --profile: zipf or blog, not " << p << "\n";
                return 2;
            }
            blog = p == "blog";
        } else if (a == "--per-class")
            per_class = number();
        else if (a == "-h" || a == "--help") {
            std::cout << kUsageText;
            return 0;
        } else {
            std::cerr << "gen_corpus: unknown argument " << a << "\n" << kUsageText;
            return 2;
        }
    }
    if ((have_n != !out.empty()) || (!have_n && queries.empty())) {
        std::cerr << kUsageText;
        return 2;
    }
    try {
        const auto t0 = std::chrono::steady_clock::now();
        const Vocab vocab = build_vocab(seed);
        if (!queries.empty()) write_queries(vocab, seed, blog, per_class, queries);
        if (!have_n) return 0;

        mkdir_p(out + "/_posts");
        const std::size_t folders = (n + 999) / 1000;
        std::atomic<std::size_t> next{0};
        std::atomic<std::uint64_t> bytes{0};
        std::atomic<bool> failed{false};
        std::string error;
        std::mutex error_mutex;
        auto worker = [&] {
            std::string name, text, dir;
            text.reserve(1 << 16);
            std::uint64_t mine = 0;
            try {
                while (!failed) {
                    const std::size_t f = next++;
                    if (f >= folders) break;
                    char buf[32];
                    std::snprintf(buf, sizeof buf, "/_posts/%04zu", f);
                    dir = out + buf;
                    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
                        throw std::runtime_error("mkdir " + dir + ": " + std::strerror(errno));
                    for (std::size_t i = f * 1000; i < std::min(n, f * 1000 + 1000); ++i) {
                        make_post(vocab, seed, blog, i, name, text);
                        write_file(out + "/" + name, text);
                        mine += text.size();
                    }
                }
            } catch (const std::exception& e) {
                std::lock_guard lock(error_mutex);
                if (!failed.exchange(true)) error = e.what();
            }
            bytes += mine;
        };
        std::vector<std::thread> threads;
        for (unsigned j = 0; j < std::min<std::size_t>(jobs, std::max<std::size_t>(folders, 1)); ++j)
            threads.emplace_back(worker);
        for (auto& t : threads) t.join();
        if (failed) throw std::runtime_error(error);

        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::string manifest = "gen_corpus 1\nn " + std::to_string(n) + "\nseed " + std::to_string(seed) + "\nprofile " +
                               (blog ? "blog" : "zipf") + "\nbytes " +
                               std::to_string(bytes.load()) + "\n";
        write_file(out + "/.gen_corpus", manifest);
        std::fprintf(stderr, "gen_corpus: %zu posts, %.1f MB in %s/_posts, %.1f s\n", n, bytes.load() / 1e6,
                     out.c_str(), secs);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "gen_corpus: " << e.what() << "\n";
        return 1;
    }
}
