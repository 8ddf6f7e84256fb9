#ifndef JJI_TEST_SIGNATURECORPUS_H
#define JJI_TEST_SIGNATURECORPUS_H

#include "jji/analysis/model/Model.h"

#include <functional>
#include <string>
#include <vector>

namespace jji {
namespace test {

/// One JUnit report with every failing test labelled by its root cause (a "family"):
/// the corpus in tests/data/signatures*/<runner>/{report.xml,labels.json}, or a generated one.
struct LabelledReport
{
    std::string name;   ///< folder name, e.g. "pytest-xunit2"
    std::string runner; ///< what wrote it, from labels.json
    std::size_t bytes = 0;
    std::vector<analysis::TestFailure> failures;
    std::vector<std::string> families; ///< families[i] labels failures[i] ("" = unlabelled)
};

/// How a signature function groups one report against its labels.
struct CorpusScore
{
    std::size_t failing = 0;
    std::size_t families = 0;
    std::size_t signatures = 0;        ///< = AI calls
    std::size_t splitFamilies = 0;     ///< families spread over several signatures
    std::size_t mergingSignatures = 0; ///< signatures holding several families
    std::size_t unlabelled = 0;
    std::vector<std::string> problems; ///< one line per split or merge, with the texts

    CorpusScore& operator+=(const CorpusScore& other);
};

using SignatureFunction = std::function<std::string(const analysis::TestFailure&)>;

/// Every labelled report under `dir` (one sub-folder each), sorted by name.
std::vector<LabelledReport> loadCorpus(const std::string& dir);

/// tests/data/signatures and tests/data/signatures-holdout.
std::string signatureCorpusDir();
std::string signatureHoldoutDir();

/// `signatures[i]` groups `failures[i]`; `texts` (optional, same order) explain the problems found.
CorpusScore scoreGrouping(const LabelledReport& report, const std::vector<std::string>& signatures,
                          const std::vector<std::string>& texts = {});

/// One failure at a time (version 1): `signature` groups, `text` (optional) explains.
CorpusScore scoreReport(const LabelledReport& report, const SignatureFunction& signature, const SignatureFunction& text = {});

/// Today's signatures as the daemon makes them, report-level rules included; `texts`
/// (optional) receives the normalized texts.
std::vector<std::string> currentSignatures(const std::vector<analysis::TestFailure>& failures, std::vector<std::string>* texts = nullptr);

/// scoreGrouping with currentSignatures.
CorpusScore scoreCurrent(const LabelledReport& report);

/// A generated report of `tests` test cases (about 250 bytes each) of which `failing` fail,
/// from 12 root causes across languages, with volatile ports, ids, paths, pids and timings
/// in messages and frames, and parametrized test names; `xml` receives the report text.
LabelledReport generatedReport(std::size_t tests, std::size_t failing, std::string& xml);

} // namespace test
} // namespace jji

#endif
