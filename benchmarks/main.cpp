// The benchmark binary's main: picks the mode, registers every case, then hands over to Google
// Benchmark. Flags of its own (Google Benchmark rejects flags it does not know):
//   --buffers_mode=full|quick   sizes of the report, or tiny sizes for CI (default: full)
//   --buffers_describe          print the cases as JSON and exit (report.py reads it)

#include "bench.hpp"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace bench {
namespace {

struct VariantInfo {
    std::string id;
    std::string label;
    Which which;
};

struct CaseInfo {
    CaseSpec spec;
    std::vector<VariantInfo> variants;
    std::vector<std::pair<std::string, std::string>> facts;
};

Mode g_mode = Mode::full;

std::vector<CaseInfo>& cases() {
    static std::vector<CaseInfo> all;
    return all;
}
std::vector<void (*)()>& registrars() {
    static std::vector<void (*)()> all;
    return all;
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += c;
        }
    }
    return out + "\"";
}

const char* unit_name(benchmark::TimeUnit u) {
    switch (u) {
    case benchmark::kNanosecond:
        return "ns";
    case benchmark::kMicrosecond:
        return "us";
    case benchmark::kMillisecond:
        return "ms";
    case benchmark::kSecond:
        return "s";
    }
    return "ns";
}

void describe() {
    std::printf("{\n  \"mode\": %s,\n  \"cases\": [\n",
                g_mode == Mode::quick ? "\"quick\"" : "\"full\"");
    const auto& all = cases();
    for (std::size_t c = 0; c < all.size(); ++c) {
        const CaseInfo& ci = all[c];
        const CaseSpec& s = ci.spec;
        const Sizes sz = g_mode == Mode::quick ? s.quick : s.sizes;
        std::printf("    {\"id\": %s, \"family\": %s, \"title\": %s, \"what\": %s, "
                    "\"baseline\": %s, \"run\": %s, \"sizes\": [%lld, %lld], "
                    "\"size_unit\": %s, \"unit\": \"%s\", \"bytes_per_element\": %lld, "
                    "\"once\": %s,\n",
                    json_string(s.id).c_str(), json_string(s.family).c_str(),
                    json_string(s.title).c_str(), json_string(s.what).c_str(),
                    json_string(s.baseline).c_str(),
                    s.run == Run::per_process ? "\"per_process\"" : "\"interleaved\"",
                    static_cast<long long>(sz.small), static_cast<long long>(sz.large),
                    json_string(s.size_unit).c_str(), unit_name(s.unit),
                    static_cast<long long>(s.bytes_per_element), s.once ? "true" : "false");
        std::printf("     \"variants\": [");
        for (std::size_t v = 0; v < ci.variants.size(); ++v)
            std::printf("%s{\"id\": %s, \"label\": %s, \"small_only\": %s}", v ? ", " : "",
                        json_string(ci.variants[v].id).c_str(),
                        json_string(ci.variants[v].label).c_str(),
                        ci.variants[v].which == Which::small_only ? "true" : "false");
        std::printf("],\n     \"facts\": [");
        for (std::size_t f = 0; f < ci.facts.size(); ++f)
            std::printf("%s[%s, %s]", f ? ", " : "", json_string(ci.facts[f].first).c_str(),
                        json_string(ci.facts[f].second).c_str());
        std::printf("]}%s\n", c + 1 < all.size() ? "," : "");
    }
    std::printf("  ]\n}\n");
}

} // namespace

Mode mode() noexcept {
    return g_mode;
}

Case::Case(CaseSpec spec) : index_(cases().size()) {
    cases().push_back(CaseInfo{std::move(spec), {}, {}});
}

Case& Case::add(const std::string& id, const std::string& label, Body body, Which which) {
    CaseInfo& ci = cases()[index_];
    ci.variants.push_back(VariantInfo{id, label, which});
    const Sizes sz = g_mode == Mode::quick ? ci.spec.quick : ci.spec.sizes;
    const std::string name = ci.spec.id + "/" + id;
    auto* b = benchmark::RegisterBenchmark(name.c_str(), std::move(body));
    b->Unit(ci.spec.unit)->Arg(sz.small);
    if (ci.spec.once)
        b->Iterations(1)->UseRealTime();
    if (which == Which::both)
        b->Arg(sz.large);
    return *this;
}

Case& Case::fact(const std::string& label, const std::string& value) {
    cases()[index_].facts.emplace_back(label, value);
    return *this;
}

detail::Registrar::Registrar(void (*fn)()) {
    registrars().push_back(fn);
}

} // namespace bench

int main(int argc, char** argv) {
    bool describe_only = false;
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        if (i > 0 && std::strcmp(argv[i], "--buffers_mode=quick") == 0) {
            bench::g_mode = bench::Mode::quick;
        } else if (i > 0 && std::strcmp(argv[i], "--buffers_mode=full") == 0) {
            bench::g_mode = bench::Mode::full;
        } else if (i > 0 && std::strcmp(argv[i], "--buffers_describe") == 0) {
            describe_only = true;
        } else if (i > 0 && std::strncmp(argv[i], "--buffers_", 10) == 0) {
            std::fprintf(stderr, "buffers_bench: unknown flag %s\n", argv[i]);
            return 2;
        } else {
            rest.push_back(argv[i]);
        }
    }
    for (auto* fn : bench::registrars())
        fn();
    if (describe_only) {
        bench::describe();
        return 0;
    }
    benchmark::AddCustomContext("buffers_mode",
                                bench::g_mode == bench::Mode::quick ? "quick" : "full");
    int n = static_cast<int>(rest.size());
    rest.push_back(nullptr);
    benchmark::Initialize(&n, rest.data());
    if (benchmark::ReportUnrecognizedArguments(n, rest.data()))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
