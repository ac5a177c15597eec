# SYNTAX TEST "source.dockerfile" "heredocs in RUN, COPY and ADD"
RUN <<EOF
#   ^^ meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#     ^^^ meta.heredoc.dockerfile entity.name.tag.heredoc.dockerfile
apt-get update
# <------- meta.heredoc.dockerfile meta.embedded.block.shell entity.name.command.shell
if [ -n "$X" ]; then echo "x"; fi
# <-- meta.embedded.block.shell keyword.control.if.shell
#         ^ meta.embedded.block.shell variable.other.normal.shell
EOF
# <--- meta.heredoc.dockerfile entity.name.tag.heredoc.dockerfile - meta.embedded.block.shell
FROM alpine
# <---- keyword.other.instruction.dockerfile - meta.heredoc.dockerfile
RUN <<-EOT
	echo tabbed
#^^^^ meta.embedded.block.shell
	EOT
#^^^ entity.name.tag.heredoc.dockerfile
USER nobody
# <---- keyword.other.instruction.dockerfile - meta.heredoc.dockerfile
RUN <<EOF
	EOF
#^^^ meta.heredoc.dockerfile - entity.name.tag.heredoc.dockerfile
 EOF
#^^^ meta.heredoc.dockerfile - entity.name.tag.heredoc.dockerfile
EOF
# <--- entity.name.tag.heredoc.dockerfile
RUN --mount=type=cache,target=/root/.cache <<EOF bash -e
#   ^^^^^^^ variable.parameter.flag.dockerfile
#                                          ^^ keyword.operator.heredoc.dockerfile
#                                                ^^^^ entity.name.command.shell
pip install .
# <--- meta.embedded.block.shell entity.name.command.shell
EOF
RUN bash -ex <<'SCRIPT'
#   ^^^^ entity.name.command.shell
#              ^ punctuation.definition.string.begin.dockerfile
#               ^^^^^^ entity.name.tag.heredoc.dockerfile
#                     ^ punctuation.definition.string.end.dockerfile
echo "$HOME"
# <---- meta.embedded.block.shell entity.name.command.shell
SCRIPT
# <------ entity.name.tag.heredoc.dockerfile
COPY <<EOF /etc/app.conf
# <---- keyword.other.instruction.dockerfile
#    ^^ keyword.operator.heredoc.dockerfile
#          ^^^^^^^^^^^^^ meta.heredoc.dockerfile - string.unquoted.heredoc.dockerfile
name=${NAME}
# <----- string.unquoted.heredoc.dockerfile
#      ^^^^ string.unquoted.heredoc.dockerfile variable.other.dockerfile
# not a comment in a body
# <- string.unquoted.heredoc.dockerfile - comment.line.number-sign.dockerfile
EOF
COPY --chmod=0644 <<"EOF" /etc/raw.conf
#            ^^^^ constant.numeric.integer.octal.dockerfile
#                   ^ punctuation.definition.string.begin.dockerfile
#                    ^^^ entity.name.tag.heredoc.dockerfile
value=$NOT_EXPANDED \
#     ^^^^^^^^^^^^^ string.unquoted.heredoc.dockerfile - variable.other.dockerfile
#                   ^ - constant.character.escape.line-continuation.dockerfile
EOF
ADD <<EOF /hello.txt
hi
# <-- string.unquoted.heredoc.dockerfile
EOF
RUN 3<<EOF cat /dev/fd/3
#   ^ constant.numeric.integer.file-descriptor.dockerfile
#          ^^^ entity.name.command.shell
hello
EOF
RUN cat <<EOF > /etc/motd
#   ^^^ entity.name.command.shell
#       ^^ keyword.operator.heredoc.dockerfile
#         ^^^ entity.name.tag.heredoc.dockerfile
#             ^ meta.heredoc.dockerfile - entity.name.tag.heredoc.dockerfile
Welcome $USER
# <------- string.unquoted.heredoc.dockerfile - entity.name.command.shell
#        ^^^^ variable.other.dockerfile
EOF
# <--- entity.name.tag.heredoc.dockerfile
RUN apt-get update && \
    cat <<EOF > /etc/apt/apt.conf.d/99retries
#   ^^^ meta.instruction.run.dockerfile entity.name.command.shell
#       ^^ keyword.operator.heredoc.dockerfile
#         ^^^ entity.name.tag.heredoc.dockerfile
Acquire::Retries "3";
# <---------------- string.unquoted.heredoc.dockerfile
EOF
# <--- entity.name.tag.heredoc.dockerfile
RUN python3 <<EOF
print("hi")
# <----- string.unquoted.heredoc.dockerfile
EOF
COPY <<A <<B /dst/
#    ^^ keyword.operator.heredoc.dockerfile
#      ^ entity.name.tag.heredoc.dockerfile
#        ^^ keyword.operator.heredoc.dockerfile
#          ^ entity.name.tag.heredoc.dockerfile
first file
# <---------- string.unquoted.heredoc.dockerfile
A
second file
# <----------- string.unquoted.heredoc.dockerfile
B
# <- entity.name.tag.heredoc.dockerfile
RUN echo done
# <--- keyword.other.instruction.dockerfile - meta.heredoc.dockerfile
RUN echo <<<EOF
#        ^^^ - keyword.operator.heredoc.dockerfile
RUN echo "<<EOF"
#         ^^ - keyword.operator.heredoc.dockerfile
RUN ["cat", "<<EOF"]
#            ^^ - keyword.operator.heredoc.dockerfile
USER <<EOF
#    ^^ - keyword.operator.heredoc.dockerfile
EOF
# <--- - entity.name.tag.heredoc.dockerfile string.unquoted.heredoc.dockerfile
ENV X=<<EOF
#     ^^ - keyword.operator.heredoc.dockerfile
ONBUILD RUN <<EOF
#       ^^^ keyword.other.instruction.dockerfile
#           ^^ keyword.operator.heredoc.dockerfile
echo onbuild
# <---- meta.instruction.onbuild.dockerfile meta.embedded.block.shell
EOF
# <--- entity.name.tag.heredoc.dockerfile
WORKDIR /
# <------- keyword.other.instruction.dockerfile - meta.instruction.onbuild.dockerfile
