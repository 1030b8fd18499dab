#!/usr/bin/env bash
# logo-detection: the tests need the ResNet18 featurizer from NuGet (Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1,
# MIT). The artifact store restores it on first use; doing it here keeps that restore out of the test timings.
# Nothing else is needed: SkiaSharp's NoDependencies native asset needs only libc/libstdc++, and the training data
# (npm icons, Debian sample photos) is only used by `liftwing train logo`, not by the tests.
set -euo pipefail

pkg=microsoft.ml.dnnimagefeaturizer.resnet18
ver=0.23.1
root="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
if [ -f "$root/$pkg/$ver/tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx" ]; then
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo '<Project />' > "$tmp/Directory.Build.props"
echo '<Project />' > "$tmp/Directory.Packages.props"
cat > "$tmp/pull.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageDownload Include="Microsoft.ML.DnnImageFeaturizer.ResNet18" Version="[$ver]" /></ItemGroup>
</Project>
XML
dotnet restore "$tmp/pull.csproj" --verbosity quiet
test -f "$root/$pkg/$ver/tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx" || { echo "logo.sh: ResNet18.onnx missing after restore" >&2; exit 1; }
