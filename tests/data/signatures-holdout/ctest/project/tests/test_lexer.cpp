#include "check.h"

int main(int argc, char** argv) {
  const char* g = argc > 1 ? argv[1] : nullptr;
  if (!g) return check::unknown_group(argv[0], g);
  const auto sheet = check::make_sheet(g, "1,2\n3,4\n");
  const std::string G = g;
  if (G == "spaces") return check::run(g, {{" 1 + 2 ", 3}, {"SUM( A1 , B2 )", 5}, {"\n(A1 + B1)\r\n", 3}}, sheet);
  if (G == "bad_char") {
    try {
      cellcalc::tokenize("1 # 2");
    } catch (const cellcalc::FormulaError& e) {
      std::printf("rejected as expected: %s\n", e.what());
      return 0;
    }
    std::printf("FAIL  '1 # 2' was accepted\n");
    return 1;
  }
  if (G == "tab_between_terms") return check::run(g, {{"A1\t+\tB2", 5}}, sheet);
  if (G == "tab_indented") return check::run(g, {{"\tSUM(A1:B2)", 10}}, sheet);
  if (G == "tab_in_args") return check::run(g, {{"MAX(A1,\tB1,\tA2)", 3}}, sheet);
  return check::unknown_group(argv[0], g);
}
