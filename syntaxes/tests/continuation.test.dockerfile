# SYNTAX TEST "source.dockerfile" "line continuations, comments and blank lines inside continued instructions"
ENV A=1 \
#       ^ constant.character.escape.line-continuation.dockerfile
    B=2
#   ^ meta.instruction.env.dockerfile variable.other.env.dockerfile
# (the next line has blanks after its backslash: keep them)
ENV C=3 \   
#       ^ constant.character.escape.line-continuation.dockerfile
    D=4
#   ^ meta.instruction.env.dockerfile variable.other.env.dockerfile
LABEL a=b \
# a comment inside the instruction
# <- meta.instruction.label.dockerfile comment.line.number-sign.dockerfile
    # an indented one, ending in a backslash \
#   ^ meta.instruction.label.dockerfile comment.line.number-sign.dockerfile
    c=d
#   ^ meta.instruction.label.dockerfile entity.other.attribute-name.label.dockerfile
ENV E=5 \

    F=6
#   ^ meta.instruction.env.dockerfile variable.other.env.dockerfile
ENV G=a\\
#      ^^ constant.character.escape.dockerfile - constant.character.escape.line-continuation.dockerfile
H=8
# <- meta.instruction.unknown.dockerfile - variable.other.env.dockerfile
RUN apt-get update && \
#                     ^ meta.instruction.run.dockerfile - constant.character.escape.dockerfile
    apt-get install -y --no-install-recommends \
#   ^^^^^^^ meta.instruction.run.dockerfile entity.name.command.shell
        ca-certificates \
#       ^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile - entity.name.command.shell
    # a comment between arguments
#   ^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile
        curl \
#       ^^^^ meta.instruction.run.dockerfile
    && rm -rf /var/lib/apt/lists/*
#      ^^ meta.instruction.run.dockerfile entity.name.command.shell
EXPOSE 80
# <------ keyword.other.instruction.dockerfile - meta.instruction.run.dockerfile
RUN echo "multi \
line string" \
# <----------- meta.instruction.run.dockerfile string.quoted.double.shell
  && echo next
# ^^ meta.instruction.run.dockerfile
# (the next line has blanks after its backslash: keep them)
RUN echo hi \   
    && echo there
#   ^^ meta.instruction.run.dockerfile
RUN set -eux; \
    if [ -f /etc/os-release ]; then \
        . /etc/os-release; \
    fi
#   ^^ meta.instruction.run.dockerfile keyword.control.fi.shell
EXPOSE 81
# <------ keyword.other.instruction.dockerfile - meta.instruction.run.dockerfile meta.scope.if-block.shell
RUN echo "a string \
    over two lines" && echo "after \
#   ^^^^^^^^^^^^^^ meta.instruction.run.dockerfile string.quoted.double.shell
#                   ^^ punctuation.separator.statement.and.shell - string.quoted.double.shell
    the quote is never closed
#   ^^^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile string.quoted.double.shell
USER nobody
# <---- keyword.other.instruction.dockerfile - string.quoted.double.shell meta.instruction.run.dockerfile
RUN echo 'single \
    quoted' next
#   ^^^^^^ string.quoted.single.shell
#           ^^^^ meta.instruction.run.dockerfile - string.quoted.single.shell
RUN echo don't
#            ^ string.quoted.single.shell
WORKDIR /
# <------- keyword.other.instruction.dockerfile - string.quoted.single.shell
CMD echo a \
    b
#   ^ meta.instruction.cmd.dockerfile meta.embedded.line.shell
COPY a \
     b \
     /dst/
#    ^^^^^ meta.instruction.copy.dockerfile
WORKDIR /x
# <------- keyword.other.instruction.dockerfile - meta.instruction.copy.dockerfile
RUN \
  echo started-on-second-line
# ^^^^ meta.instruction.run.dockerfile entity.name.command.shell
USER root
# <---- keyword.other.instruction.dockerfile - meta.instruction.run.dockerfile
ENV X=1 \
