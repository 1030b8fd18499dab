// Native side of `langid-compare`: Debian's libfasttext (0.9.2) predicting in-process, one line at a time,
// exactly as the Python binding does (istringstream + FastText::predictLine), without Python or CLI I/O.
// Build: g++ -O2 -std=c++17 fasttext_predict_bench.cpp -lfasttext (needs libfasttext-dev).
// Usage: fasttext_predict_bench MODEL TEXTS_FILE PREDICTIONS -> prints microseconds per prediction (after one warm-up pass).
#include <fasttext/fasttext.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: fasttext_predict_bench MODEL TEXTS_FILE PREDICTIONS\n";
    return 2;
  }
  fasttext::FastText ft;
  ft.loadModel(argv[1]);
  std::vector<std::string> texts;
  std::ifstream file(argv[2]);
  for (std::string line; std::getline(file, line);) {
    texts.push_back(line + "\n");
  }
  const long n = std::stol(argv[3]);
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  double sink = 0;
  auto run = [&]() {
    auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < n; i++) {
      std::istringstream in(texts[i % texts.size()]);
      ft.predictLine(in, predictions, 1, 0.0);
      sink += predictions.empty() ? 0 : predictions[0].first;
    }
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / n;
  };
  run();
  std::cout << run() << std::endl;
  std::cerr << "checksum " << sink << "\n";
  return 0;
}
