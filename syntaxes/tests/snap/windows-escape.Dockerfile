# escape=`

FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue';"]

ENV APP_HOME=C:\app `
    DOTNET_VERSION=8.0.4
WORKDIR C:\app

RUN Invoke-WebRequest -Uri "https://dot.net/v1/dotnet-install.ps1" -OutFile dotnet-install.ps1; `
    # install the runtime only
    .\dotnet-install.ps1 -Runtime aspnetcore -Version $env:DOTNET_VERSION -InstallDir C:\dotnet; `
    Remove-Item dotnet-install.ps1

COPY bin\Release\net8.0\publish\ C:\app\
EXPOSE 80
USER ContainerUser
CMD ["C:\\dotnet\\dotnet.exe", "C:\\app\\App.dll"]
