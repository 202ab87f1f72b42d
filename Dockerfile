# The AiOps host (silo, ingest and API) for the fleet stack. Build: docker build -t aiops .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig AiOps.sln ./
COPY src/ src/
COPY policies/ policies/
RUN dotnet publish src/AiOps.Silo/AiOps.Silo.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The host listens on all interfaces only when API keys are configured (Auth__Keys__<name>__Hash/Role, made
# with "aiops key new"); without keys it serves loopback only, so the container's port is closed.
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    AiOps__DataDirectory=/data \
    AiOps__PolicyDirectory=/app/policies
# Not root: the image's own unprivileged user ($APP_UID, "app") runs the host and owns only /data.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
VOLUME /data
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "AiOps.Silo.dll"]
