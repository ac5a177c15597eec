# SYNTAX TEST "source.dockerfile" "exec form: JSON arrays of strings"
CMD ["python", "-m", "http.server"]
#   ^ meta.array.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
#    ^ string.quoted.double.dockerfile punctuation.definition.string.begin.dockerfile
#     ^^^^^^ string.quoted.double.dockerfile
#           ^ string.quoted.double.dockerfile punctuation.definition.string.end.dockerfile
#            ^ punctuation.separator.array.dockerfile - string.quoted.double.dockerfile
#               ^^ string.quoted.double.dockerfile - variable.parameter.flag.dockerfile
#                                 ^ punctuation.definition.array.end.dockerfile
ENTRYPOINT ["/docker-entrypoint.sh"]
#            ^^^^^^^^^^^^^^^^^^^^^ meta.instruction.entrypoint.dockerfile string.quoted.double.dockerfile
RUN ["apt-get", "install", "-y", "curl"]
#     ^^^^^^^ string.quoted.double.dockerfile - entity.name.command.shell
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
#       ^^^^^^^^^ meta.instruction.shell.dockerfile string.quoted.double.dockerfile
VOLUME ["/data", "$DATA"]
#                  ^^^^ string.quoted.double.dockerfile variable.other.dockerfile
COPY ["src dir/", "${DEST}/"]
#      ^^^^^^^^ string.quoted.double.dockerfile
#                    ^^^^ variable.other.dockerfile
CMD ["echo", "$HOME"]
#             ^^^^^ string.quoted.double.dockerfile - variable.other.dockerfile
CMD ["a\"b", "c\\d", "\u00e9", "\q"]
#      ^^ constant.character.escape.dockerfile
#              ^^ constant.character.escape.dockerfile
#                     ^^^^^^ constant.character.escape.dockerfile
#                               ^^ invalid.illegal.escape.dockerfile
CMD ["node", 3000]
#            ^^^^ invalid.illegal.exec-form-element.dockerfile
CMD []
#   ^ punctuation.definition.array.begin.dockerfile
#    ^ punctuation.definition.array.end.dockerfile
CMD ['single', 'quotes']
#   ^ - punctuation.definition.array.begin.dockerfile
CMD [ -f /x ] && run
#   ^ - punctuation.definition.array.begin.dockerfile
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
#               ^ punctuation.definition.array.begin.dockerfile
#                 ^^^^ string.quoted.double.dockerfile
ENTRYPOINT ["python", \
            "app.py"]
#           ^^^^^^^^ meta.array.exec-form.dockerfile string.quoted.double.dockerfile
#                   ^ punctuation.definition.array.end.dockerfile
CMD ["unterminated"
#     ^^^^^^^^^^^^ string.quoted.double.dockerfile
EXPOSE 80
# <------ keyword.other.instruction.dockerfile - meta.array.exec-form.dockerfile
