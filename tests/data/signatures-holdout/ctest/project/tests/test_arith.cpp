#include "check.h"

int main(int argc, char** argv) {
  const char* g = argc > 1 ? argv[1] : nullptr;
  if (!g) return check::unknown_group(argv[0], g);
  const auto sheet = check::make_sheet(g, "2,3,2\n4,0.5,10\n");
  const std::string G = g;
  if (G == "basics") return check::run(g, {{"1+2*3", 7}, {"10-4-3", 3}, {"8/4/2", 1}, {"-3+5", 2}}, sheet);
  if (G == "parens") return check::run(g, {{"(1+2)*3", 9}, {"2*(3+(4-1))", 12}, {"((7))", 7}}, sheet);
  if (G == "comparison") return check::run(g, {{"1<2", 1}, {"3>4", 0}, {"2+2=4", 1}}, sheet);
  if (G == "power_chain") return check::run(g, {{"2^3", 8}, {"2^3^2", 512}, {"2^2^3", 256}}, sheet);
  if (G == "power_mixed") return check::run(g, {{"1+2^2^3", 257}, {"4^3^0.5*2", 22.07132927}, {"10-2^1^3", 8}}, sheet);
  if (G == "power_cells") return check::run(g, {{"A1^B1", 8}, {"A1^B1^C1", 512}, {"A2^B2^A1", 1.414213562}}, sheet);
  return check::unknown_group(argv[0], g);
}
