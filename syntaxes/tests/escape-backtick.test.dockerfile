# SYNTAX TEST "source.dockerfile" "escape=` switches continuation and escapes to the backtick"
# escape=`
# <- meta.preprocessor.directive.dockerfile punctuation.definition.directive.dockerfile
# ^^^^^^ keyword.control.directive.dockerfile
#        ^ constant.character.escape.dockerfile
# syntax=docker/dockerfile:1
# ^^^^^^ keyword.control.directive.dockerfile - comment.line.number-sign.dockerfile
# a comment ends the directives
# ^^^^^^^^^ comment.line.number-sign.dockerfile
# syntax=docker/dockerfile:1
# ^^^^^^ comment.line.number-sign.dockerfile - keyword.control.directive.dockerfile
FROM mcr.microsoft.com/windows/servercore:ltsc2022
#    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile
#                                         ^^^^^^^^ constant.other.tag.dockerfile
WORKDIR C:\app\
#         ^ - constant.character.escape.dockerfile
#             ^ - constant.character.escape.line-continuation.dockerfile
RUN powershell -Command `
# <--- keyword.other.instruction.dockerfile
#                       ^ constant.character.escape.line-continuation.dockerfile
    $ErrorActionPreference = 'Stop'; `
#    ^^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile variable.other.dockerfile
#                            ^^^^^^ string.quoted.single.dockerfile
#                                    ^ constant.character.escape.line-continuation.dockerfile
    # comment inside the continued RUN
#   ^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile
    Write-Host "cost: `$5"
#   ^^^^^^^^^^ meta.instruction.run.dockerfile
#                     ^^ constant.character.escape.dockerfile
COPY C:\src\ C:\dst\
# <---- keyword.other.instruction.dockerfile - meta.instruction.run.dockerfile
#      ^^ - constant.character.escape.dockerfile
ENV PATH="C:\tools;${PATH}" `
    HOME=C:\Users\app
#   ^^^^ variable.other.env.dockerfile
#          ^^ - constant.character.escape.dockerfile
CMD ["c:\\app\\app.exe", "--port", "80"]
#       ^^ constant.character.escape.dockerfile
RUN <<EOF
echo hi
# <------- string.unquoted.heredoc.dockerfile
EOF
# <--- entity.name.tag.heredoc.dockerfile
USER ContainerUser
# <---- keyword.other.instruction.dockerfile
