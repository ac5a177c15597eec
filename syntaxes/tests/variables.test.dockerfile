# SYNTAX TEST "source.dockerfile" "variables: $V, ${V} and every ${V<op>word} form"
WORKDIR $HOME/app
#       ^ variable.other.dockerfile punctuation.definition.variable.dockerfile
#        ^^^^ variable.other.dockerfile
#            ^^^^ - variable.other.dockerfile
WORKDIR ${HOME}/app
#       ^^ meta.interpolation.variable.dockerfile punctuation.definition.variable.begin.dockerfile
#         ^^^^ meta.interpolation.variable.dockerfile variable.other.dockerfile
#             ^ punctuation.definition.variable.end.dockerfile
#              ^^^^ - meta.interpolation.variable.dockerfile
ENV A=${V:-default} B=${V-x} C=${V:+alt} D=${V+y}
#       ^ variable.other.dockerfile
#        ^^ keyword.operator.expansion.dockerfile
#          ^^^^^^^ meta.interpolation.variable.dockerfile - keyword.operator.expansion.dockerfile
#                        ^^ - variable.other.dockerfile
#                        ^ keyword.operator.expansion.dockerfile
#                                 ^^ keyword.operator.expansion.dockerfile
#                                             ^ keyword.operator.expansion.dockerfile
ENV E=${V:?must be set} F=${V?msg}
#        ^^ keyword.operator.expansion.dockerfile
#          ^^^^^^^^^^^ meta.interpolation.variable.dockerfile - keyword.operator.expansion.dockerfile
#                            ^ keyword.operator.expansion.dockerfile
ENV G=${V#*/} H=${V##*/} I=${V%.*} J=${V%%.*}
#        ^ keyword.operator.expansion.dockerfile - comment.line.number-sign.dockerfile
#                  ^^ keyword.operator.expansion.dockerfile
#                             ^ keyword.operator.expansion.dockerfile
#                                       ^^ keyword.operator.expansion.dockerfile
#                                         ^^ meta.interpolation.variable.dockerfile - keyword.operator.expansion.dockerfile
ENV K=${V/a/b} L=${V//old/new}
#       ^ variable.other.dockerfile
#        ^ keyword.operator.expansion.dockerfile
#          ^ punctuation.separator.expansion.dockerfile
#                   ^^ keyword.operator.expansion.dockerfile
#                     ^^^ meta.interpolation.variable.dockerfile
#                        ^^^^ meta.interpolation.variable.dockerfile
#            ^ punctuation.definition.variable.end.dockerfile
ENV M=${V:-$OTHER} N=${V:-${W:-z}}
#           ^^^^^ meta.interpolation.variable.dockerfile variable.other.dockerfile
#                           ^ meta.interpolation.variable.dockerfile meta.interpolation.variable.dockerfile variable.other.dockerfile
ENV O=\$NOTVAR P='$single' Q="$double and ${braced}"
#     ^^ constant.character.escape.dockerfile
#       ^^^^^^ - variable.other.dockerfile
#                 ^^^^^^^ string.quoted.single.dockerfile - variable.other.dockerfile
#                              ^^^^^^ string.quoted.double.dockerfile variable.other.dockerfile
#                                           ^^^^^^ string.quoted.double.dockerfile variable.other.dockerfile
ENV R=$ S=a$-b
#     ^ - variable.other.dockerfile
#          ^ - variable.other.dockerfile
ENV T=${V:#x} U=${V:%x}
#        ^^ invalid.illegal.expansion.dockerfile
#                  ^^ invalid.illegal.expansion.dockerfile
LABEL version=$VERSION
#              ^^^^^^^ variable.other.dockerfile
USER ${APP_USER}
#      ^^^^^^^^ entity.name.user.dockerfile variable.other.dockerfile
EXPOSE $PORT
#       ^^^^ variable.other.dockerfile
VOLUME $DATA_DIR
#       ^^^^^^^^ variable.other.dockerfile
ARG TAG=${BASE_TAG:-latest}
#         ^^^^^^^^ variable.other.dockerfile
STOPSIGNAL $SIGNAL
#           ^^^^^^ variable.other.dockerfile
COPY $SRC ${DST}/
#     ^^^ variable.other.dockerfile
#           ^^^ variable.other.dockerfile
MAINTAINER $NOT_EXPANDED
#          ^^^^^^^^^^^^^ string.unquoted.maintainer.dockerfile - variable.other.dockerfile
RUN echo "$HOME" ${PATH}
#          ^^^^ variable.other.normal.shell - variable.other.dockerfile
