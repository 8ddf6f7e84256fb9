#include "check.h"

int main(int argc, char** argv) {
  const char* g = argc > 1 ? argv[1] : nullptr;
  if (!g) return check::unknown_group(argv[0], g);
  const auto sheet = check::make_sheet(g, "120,80\n0,1\n");
  const std::string G = g;
  if (G == "if_basic") return check::run(g, {{"IF(1,10,20)", 10}, {"IF(0,10,20)", 20}}, sheet);
  if (G == "if_cells") return check::run(g, {{"IF(A1>B1,A1-B1,0)", 40}, {"IF(A2,1,2)", 2}}, sheet);
  if (G == "if_nested") return check::run(g, {{"IF(A1>100,IF(B1>100,2,1),0)", 1}}, sheet);
  return check::unknown_group(argv[0], g);
}
