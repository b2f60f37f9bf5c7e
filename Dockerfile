# The harness image for distributed runs on Kubernetes (harness run --agents N --agent-runtime kubernetes):
# its pods run `harness agent`. Not built by CI and never built in the development sandbox (no registry, no pulls):
# build it where Docker can pull the .NET images, then import it on every k3s node (docs/guides/distributed.md).
#
#   docker build -t harness:1.4.0 .
#   docker save harness:1.4.0 -o harness.tar && sudo k3s ctr images import harness.tar
#
# The agent must be the same harness version as the coordinator (an agent of another version refuses the work).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# Self-contained: the runtime image needs no .NET installed, only the native dependencies (runtime-deps).
RUN dotnet publish src/Harness/Harness.csproj -c Release -r linux-x64 --self-contained true -nologo -o /out \
 && rm -f /out/*.pdb /out/*.dbg

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
COPY --from=build /out /opt/harness
# The pods run with runAsNonRoot (a numeric USER is needed to prove it) and a read-only root filesystem: no diagnostics
# IPC socket under /tmp, and the invariant culture the project is built with.
ENV DOTNET_EnableDiagnostics=0 \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
USER 10001:10001
ENTRYPOINT ["/opt/harness/harness"]
CMD ["agent", "--listen", "http://0.0.0.0:8089"]
