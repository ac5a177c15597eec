# SYNTAX TEST "source.dockerfile" "EXPOSE ports and protocols, HEALTHCHECK NONE/CMD, STOPSIGNAL"
EXPOSE 80
#      ^^ constant.numeric.integer.port.dockerfile
EXPOSE 80/tcp 443/udp 8000-8010/udp 9000/SCTP
#      ^^ constant.numeric.integer.port.dockerfile
#        ^ punctuation.separator.protocol.dockerfile
#         ^^^ constant.language.protocol.dockerfile
#                 ^^^ constant.language.protocol.dockerfile
#                     ^^^^ constant.numeric.integer.port.dockerfile
#                         ^ punctuation.separator.range.dockerfile
#                          ^^^^ constant.numeric.integer.port.dockerfile
#                                        ^^^^ constant.language.protocol.dockerfile
EXPOSE ${PORT}/tcp 53/xyz
#        ^^^^ variable.other.dockerfile
#              ^^^ constant.language.protocol.dockerfile
#                     ^^^ invalid.illegal.protocol.dockerfile
HEALTHCHECK NONE
# <----------- keyword.other.instruction.dockerfile
#           ^^^^ constant.language.none.dockerfile
healthcheck none extra
#           ^^^^ constant.language.none.dockerfile
#                ^^^^^ invalid.illegal.argument.dockerfile
HEALTHCHECK --interval=5m --timeout=3s \
  CMD curl -f http://localhost/ || exit 1
# ^^^ meta.instruction.healthcheck.dockerfile keyword.other.instruction.dockerfile
#     ^^^^ meta.embedded.line.shell entity.name.command.shell
#                               ^^ meta.instruction.healthcheck.dockerfile
HEALTHCHECK CMD ["/bin/check", "--quick"]
#           ^^^ keyword.other.instruction.dockerfile
#                               ^^^^^^^ string.quoted.double.dockerfile - variable.parameter.flag.dockerfile
STOPSIGNAL SIGTERM
#          ^^^^^^^ constant.language.signal.dockerfile
STOPSIGNAL SIGRTMIN+3
#          ^^^^^^^^^^ constant.language.signal.dockerfile
STOPSIGNAL 9
#          ^ constant.numeric.integer.dockerfile
